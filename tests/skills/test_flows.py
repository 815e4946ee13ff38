import json

import pytest

from between.care.models import Flag
from between.diary.models import Card
from between.safety.services import client_today
from between.skills import library
from between.skills.models import ChainAnalysis, Practice, Worksheet
from tests.conftest import signed_in


def _start(http, slug):
    response = http.post(f"/skills/{slug}/start/")
    worksheet = Worksheet.objects.latest("started_at")
    assert response["Location"] == f"/skills/worksheets/{worksheet.pk}/0/"
    return worksheet


@pytest.mark.django_db
def test_whats_happening_offers_ordered_skills(client_user):
    html = signed_in(client_user).get("/skills/whats-happening/urge_to_harm/").content.decode()
    assert html.index("TIPP") < html.index("STOP") < html.index("Pros and cons")
    assert 'href="/crisis-mode/"' in html


@pytest.mark.django_db
def test_tipp_flow_saves_each_step_and_logs_the_practice_on_todays_card(client_user):
    http = signed_in(client_user)
    worksheet = _start(http, "tipp")
    page = http.get(f"/skills/worksheets/{worksheet.pk}/1/").content.decode()
    assert "data-timer=\"30\"" in page and "0:30" in page
    http.post(f"/skills/worksheets/{worksheet.pk}/0/", {"value": "4"})
    for step in range(1, 5):
        http.post(f"/skills/worksheets/{worksheet.pk}/{step}/", {})
    http.post(f"/skills/worksheets/{worksheet.pk}/5/", {"value": "2"})
    worksheet.refresh_from_db()
    assert worksheet.data() == {"before": 4, "after": 2} and worksheet.step == 6
    http.post(f"/skills/worksheets/{worksheet.pk}/6/", {"helped": "4"})
    practice = Practice.objects.get()
    assert (practice.skill, practice.helped, practice.worksheet_id) == ("tipp", 4, worksheet.pk)
    card = Card.objects.get(client=client_user, day=client_today(client_user))
    assert "tipp" in card.skills


@pytest.mark.django_db
def test_leaving_half_way_keeps_what_was_written(client_user):
    http = signed_in(client_user)
    worksheet = _start(http, "check_the_facts")
    http.post(f"/skills/worksheets/{worksheet.pk}/0/", {})
    http.post(f"/skills/worksheets/{worksheet.pk}/1/", {"value": "Shame, strong"})
    worksheet.refresh_from_db()
    assert worksheet.data() == {"emotion": "Shame, strong"} and not worksheet.finished_at
    page = http.get("/skills/practice/").content.decode()
    assert "Check the facts" in page and "unfinished, carry on" in page
    back = http.get(f"/skills/worksheets/{worksheet.pk}/1/").content.decode()
    assert "Shame, strong" in back


@pytest.mark.django_db
def test_dear_man_builds_a_message_to_copy(client_user):
    http = signed_in(client_user)
    worksheet = _start(http, "dear_man")
    answers = ["my therapist", "In Tuesday's session we ran out of time.",
               "I left feeling rushed.", "Could we take ten minutes next time to talk about it?",
               "I think it would help us both."]
    for step, text in enumerate(answers):
        http.post(f"/skills/worksheets/{worksheet.pk}/{step}/", {"value": text})
    http.post(f"/skills/worksheets/{worksheet.pk}/5/", {})
    html = http.get(f"/skills/worksheets/{worksheet.pk}/6/").content.decode()
    message = html.split('<textarea id="composed" name="body" rows="10" data-limit="5000">')[1]
    message = message.split("</textarea>")[0]
    assert message.startswith("In Tuesday&#x27;s session we ran out of time.")
    assert "Could we take ten minutes" in message and "my therapist" not in message
    assert "Send it as a message" not in html, "nobody to send it to: copy it"


@pytest.mark.django_db
def test_a_dear_man_script_goes_to_the_clinician_or_the_next_session(link):
    from between.care.models import AgendaItem, Message

    http = signed_in(link.client)
    worksheet = _start(http, "dear_man")
    for step, text in enumerate(["my therapist", "We ran out of time.", "I felt rushed.",
                                 "Could we start with it next time?", "It would help."]):
        http.post(f"/skills/worksheets/{worksheet.pk}/{step}/", {"value": text})
    html = http.get(f"/skills/worksheets/{worksheet.pk}/6/").content.decode()
    assert f"Send it as a message to {link.clinician}" in html
    assert 'formaction="/sessions/agenda/"' in html
    script = "We ran out of time.\n\nI felt rushed.\n\nCould we start with it next time?"
    http.post("/messages/", {"clinician": link.clinician_id, "body": script})
    assert Message.objects.get().body == script
    http.post("/sessions/agenda/", {"clinician": link.clinician_id, "body": script})
    item = AgendaItem.objects.get()
    assert (item.text, item.added_by, item.clinician) == (script, link.client, link.clinician)


@pytest.mark.django_db
def test_worksheet_text_is_encrypted_and_screened(client_user):
    http = signed_in(client_user)
    worksheet = _start(http, "stop")
    http.post(f"/skills/worksheets/{worksheet.pk}/2/", {"value": "I want to die tonight"})
    worksheet.refresh_from_db()
    assert worksheet.risk_level == "urgent"  # a wish to die with a time: urgent (#11)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM skills_worksheet")
        assert cursor.fetchone()[0].startswith("v1.")


@pytest.mark.django_db
def test_chain_analysis_starts_from_a_diary_day_and_the_diary_clinician_can_read_it(link):
    from between.diary.services import CardInput, record_card

    today = client_today(link.client)
    record_card(link.client, today, CardInput(behaviours={"self_harm": {"done": True}}))
    http = signed_in(link.client)
    assert 'href="/diary/day/' in http.get(f"/diary/day/{today}/").content.decode()
    page = http.get(f"/diary/day/{today}/chain/")
    assert page.status_code == 200 and "Chain analysis" in page.content.decode()
    assert not ChainAnalysis.objects.exists(), "opening the page stores nothing"
    response = http.post(f"/diary/day/{today}/chain/", {"prompting_event": "A phone call"})
    chain = ChainAnalysis.objects.get()
    assert response["Location"] == f"/skills/chains/{chain.pk}/"
    assert http.get(f"/diary/day/{today}/chain/")["Location"] == f"/skills/chains/{chain.pk}/"
    http.post(f"/skills/chains/{chain.pk}/", {"prompting_event": "A phone call",
                                               "skill_points": "TIPP after the call"})
    chain.refresh_from_db()
    assert chain.data()["skill_points"] == "TIPP after the call"
    page = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/chains/"
                                         ).content.decode()
    assert "TIPP after the call" in page
    assert Flag.objects.filter(source="diary").exists()


@pytest.mark.django_db
def test_no_chain_for_a_day_without_a_target_behaviour(client_user):
    today = client_today(client_user)
    assert signed_in(client_user).get(f"/diary/day/{today}/chain/").status_code == 404


@pytest.mark.django_db
def test_programme_progress_and_restart(client_user):
    http = signed_in(client_user)
    for n in (1, 2, 3):
        http.post(f"/skills/programme/weeks/{n}/")
    assert "3 of 24 weeks done" in http.get("/skills/programme/").content.decode()
    http.post("/skills/programme/restart/mindfulness/")
    html = http.get("/skills/programme/").content.decode()
    assert "1 of 24 weeks done" in html and "Next up: week 1" in html


@pytest.mark.django_db
def test_weekly_reminder_is_content_free_and_sent_once(client_user):
    from django.core import mail
    from django.utils import timezone

    from between.care.messaging import send_emails
    from between.skills.services import send_reminders

    signed_in(client_user).post("/skills/programme/reminder/", {"on": "on"})
    monday = timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday())
    assert send_reminders(today=monday) == 1 and send_reminders(today=monday) == 0
    send_emails()
    (email,) = mail.outbox
    assert "practice is ready" in email.body and "TIPP" not in email.body


@pytest.mark.django_db
def test_api_lists_filters_and_records(client_user):
    http = signed_in(client_user)
    dt = http.get("/api/skills?module=distress_tolerance").json()
    assert dt and all(s["module"] == "distress_tolerance" for s in dt)
    urge = http.get("/api/skills?situation=urge_to_harm").json()
    assert [s["slug"] for s in urge][:2] == ["tipp", "stop"]
    assert http.get("/api/skills/tipp").json()["guided"] is True
    assert http.get("/api/skills/levitation").status_code == 404
    assert http.get("/api/skills?module=juggling").status_code == 422
    made = http.post("/api/skills/tipp/practice", json.dumps({"helped": 3}),
                     content_type="application/json")
    assert made.status_code == 201
    assert http.post("/api/skills/tipp/practice", json.dumps({"helped": 9}),
                     content_type="application/json").status_code == 422
    assert http.post("/api/skills/nope/practice", json.dumps({}),
                     content_type="application/json").status_code == 404


@pytest.mark.django_db
def test_api_chains(client_user):
    from between.diary.services import CardInput, record_card

    http = signed_in(client_user)
    today = client_today(client_user)
    none = http.post("/api/chains", json.dumps({"day": str(today)}),
                     content_type="application/json")
    assert none.status_code == 404
    record_card(client_user, today, CardInput(behaviours={"self_harm": {"done": True}}))
    bad = http.post("/api/chains", json.dumps({"day": str(today), "content": {"mood": "x"}}),
                    content_type="application/json")
    assert bad.status_code == 422 and "mood" in bad.json()["message"]
    made = http.post("/api/chains", json.dumps({"day": str(today),
                                                "content": {"repair": "Tell Sam"}}),
                     content_type="application/json")
    assert made.status_code == 201 and made.json()["content"]["repair"] == "Tell Sam"
    assert len(http.get("/api/chains").json()) == 1


@pytest.mark.django_db
def test_a_risky_chain_analysis_prompts_the_client_and_flags_once(link):
    from between.diary.services import CardInput, record_card

    today = client_today(link.client)
    record_card(link.client, today, CardInput(behaviours={"self_harm": {"done": True}}))
    http = signed_in(link.client)
    words = {"behaviour": "I cut my arm twice with a razor in the bathroom"}
    response = http.post(f"/diary/day/{today}/chain/", words, follow=True)
    page = response.content.decode()
    assert "That sounds like a really hard day." in page
    assert "Your care team will see this at their next check-in" in page
    chain = ChainAnalysis.objects.get()
    assert chain.risk_level == "urgent"
    flag = Flag.objects.get(source="screening")
    assert flag.clinician == link.clinician and "Chain analysis" in flag.summary
    assert "razor" not in flag.summary and "razor" in flag.excerpt
    http.post(f"/skills/chains/{chain.pk}/", {**words, "repair": "Told my sister"})
    assert Flag.objects.filter(source="screening").count() == 1, "same level: no second flag"


@pytest.mark.django_db
def test_a_risky_worksheet_step_prompts_at_once_and_the_finish_page_does_not_say_well_done(
        link):
    http = signed_in(link.client)
    start = http.post("/skills/stop/start/")
    worksheet = Worksheet.objects.get()
    flow = library.flows()["stop"]
    text_step = next(i for i, s in enumerate(flow.steps) if s.field == "text")
    url = f"/skills/worksheets/{worksheet.pk}/{text_step}/"
    assert start.status_code == 302
    page = http.post(url, {"value": "I want to kill myself tonight"}, follow=True)
    assert "That sounds like a really hard day." in page.content.decode()
    worksheet.refresh_from_db()
    assert worksheet.risk_level == "urgent"
    flag = Flag.objects.get(source="screening")
    assert "Skills worksheet" in flag.summary and flag.excerpt is None, \
        "clinicians never read worksheets, so the flag carries none of the words"
    done = http.get(f"/skills/worksheets/{worksheet.pk}/{len(flow.steps)}/").content.decode()
    assert "That sounds like a really hard day." in done
    finished = http.post(f"/skills/worksheets/{worksheet.pk}/{len(flow.steps)}/",
                         {"helped": "2"}, follow=True).content.decode()
    assert "Well done" not in finished
    assert "That sounds like a really hard day." in finished
