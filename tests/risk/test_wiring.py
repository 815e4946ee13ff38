import json
import logging

import pytest
from django.db import connection

from between.care.models import Flag
from between.diary.models import Card
from between.journal.models import Entry
from between.safety.models import CrisisEpisode
from between.safety.services import client_today
from tests.conftest import signed_in


@pytest.mark.django_db
def test_diary_note_with_ideation_prompts_flags_and_stores_the_level(link, caplog):
    caplog.set_level(logging.DEBUG)
    http = signed_in(link.client)
    today = client_today(link.client)
    note = "Rough day at work. Honestly I don't want to be alive anymore."
    http.post(f"/diary/day/{today}/", {"note": note})
    card = Card.objects.get()
    assert (card.risk_level, card.risk_categories) == ("ideation", ["suicidal_ideation"])
    page = http.get(f"/diary/day/{today}/").content.decode()
    assert "That sounds like a really hard day." in page
    assert "Your care team will see this at their next check-in" in page
    flag = Flag.objects.get(source="screening")
    assert flag.clinician == link.clinician and "Diary note" in flag.summary
    assert "alive" not in flag.summary, "the summary never carries the client's words"
    assert "don't want to be alive" in flag.excerpt
    with connection.cursor() as cursor:
        cursor.execute("SELECT excerpt FROM care_flag WHERE source = 'screening'")
        assert cursor.fetchone()[0].startswith("v1.")
    assert "alive" not in caplog.text
    page = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/").content.decode()
    assert "don&#x27;t want to be alive" in page


@pytest.mark.django_db
def test_resaving_the_same_note_does_not_flag_again(link):
    http = signed_in(link.client)
    today = client_today(link.client)
    http.post(f"/diary/day/{today}/", {"note": "I want to die"})
    http.post(f"/diary/day/{today}/", {"note": "I want to die", "u_to_die": "1"})
    assert Flag.objects.filter(source="screening").count() == 1


@pytest.mark.django_db
def test_venting_is_not_flagged(link):
    http = signed_in(link.client)
    http.post(f"/diary/day/{client_today(link.client)}/",
              {"note": "This essay is killing me and my feet are killing me too."})
    assert Card.objects.get().risk_level == "none"
    assert not Flag.objects.exists()


@pytest.mark.django_db
def test_private_journal_entry_prompts_but_never_leaves_the_client(link):
    http = signed_in(link.client)
    http.post("/journal/new/", {"body": "I keep thinking about killing myself"})
    entry = Entry.objects.get()
    assert entry.risk_level == "ideation"
    page = http.get("/journal/").content.decode()
    assert "That sounds like a really hard day." in page
    assert "nobody else has been told" in page and "care team will see" not in page
    assert not Flag.objects.exists()
    http.post(f"/journal/{entry.pk}/", {"body": entry.body, "shared": "on"})
    flag = Flag.objects.get()
    assert flag.scope == "journal" and "killing myself" in flag.excerpt


@pytest.mark.django_db
def test_the_prompt_waits_for_a_page_the_person_sees(link):
    # A script's request in the background (the service worker keeping /crisis, a fetch
    # following a redirect) must not use up the prompt nobody then sees.
    http = signed_in(link.client)
    http.post("/crisis-mode/", {"note": "I keep thinking about killing myself"})
    prompt = "That sounds like a really hard day."
    for mode in ("cors", "same-origin", "no-cors"):
        assert prompt not in http.get("/crisis", headers={"Sec-Fetch-Mode": mode}).content.decode()
    assert prompt in http.get("/crisis-mode/saved/",
                              headers={"Sec-Fetch-Mode": "navigate"}).content.decode()
    assert prompt not in http.get("/crisis-mode/saved/").content.decode(), "shown once"
    # A script that shows the prompt itself asks for it, and that uses it up.
    http.post("/crisis-mode/", {"note": "I keep thinking about killing myself"})
    shown = http.get("/crisis-mode/saved/", headers={"Sec-Fetch-Mode": "cors",
                                                    "X-Between-Prompt": "show"})
    assert prompt in shown.content.decode()
    assert prompt not in http.get("/journal/").content.decode()


@pytest.mark.django_db
def test_crisis_mode_note_is_screened(link):
    signed_in(link.client).post("/crisis-mode/", {"note": "I've been saving up my tablets "
                                                          "for when it's time"})
    assert CrisisEpisode.objects.get().risk_level == "urgent"
    assert Flag.objects.get(source="screening").scope == "diary"


@pytest.mark.django_db
def test_api_screen_returns_the_result_and_stores_nothing(client_user):
    before = {m: m.objects.count() for m in (Card, Entry, Flag)}
    response = signed_in(client_user).post("/api/screen",
                                           json.dumps({"text": "SI 4/5 today"}),
                                           content_type="application/json")
    assert response.json() == {"level": "ideation", "categories": ["suicidal_ideation"],
                               "evidence": [[0, 6]]}
    assert {m: m.objects.count() for m in before} == before


@pytest.mark.django_db
def test_api_diary_put_reports_the_screening_without_evidence(client_user):
    response = signed_in(client_user).put(
        f"/api/diary/cards/{client_today(client_user)}",
        json.dumps({"note": "I cut again last night"}), content_type="application/json")
    body = response.json()
    assert body["safety_prompt"] is True
    assert body["screening"] == {"level": "urgent", "categories": ["self_harm"]}


@pytest.mark.django_db
def test_api_screen_refuses_text_over_the_limit_and_names_the_field(client_user):
    from between.risk.api import MAX_SCREEN_CHARS

    http = signed_in(client_user)
    ok = http.post("/api/screen", json.dumps({"text": "a" * MAX_SCREEN_CHARS}),
                   content_type="application/json")
    assert ok.status_code == 200
    response = http.post("/api/screen", json.dumps({"text": "SI 4/5 " * 5000}),
                         content_type="application/json")
    assert response.status_code == 422
    assert "text" in json.dumps(response.json())



@pytest.mark.django_db
def test_a_flag_shows_the_clinician_which_words_led_to_it(link):
    http = signed_in(link.client)
    http.post(f"/diary/day/{client_today(link.client)}/",
              {"note": "Long shift at work. I have been saving up my tablets for tonight."})
    page = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/").content.decode()
    assert "urgent (suicidal ideation, method or plan)" in page
    assert "<mark>have been saving up my tablets for tonight</mark>" in page
    assert "Long shift at work." in page and "<mark>Long shift" not in page


@pytest.mark.django_db
def test_a_flag_from_past_the_reading_budget_says_so_not_the_model(link):
    """A journal entry at the longest allowed, built so close reading runs out: the
    clinician is told its risk words weren't read closely, not that a model read them."""
    from tests.risk.test_screen import _made_up_negations

    text = _made_up_negations(4000)[:20_000]
    http = signed_in(link.client)
    page = http.post("/journal/new/", {"body": text, "shared": "on"}, follow=True)
    assert '<h2 id="prompt-h">' in page.content.decode()
    flag = Flag.objects.get(client=link.client)
    assert "risk words in a text too long to read closely" in flag.summary
    assert "learned model" not in flag.summary
    assert Entry.objects.get().risk_categories == ["unread_risk"]


def test_a_flag_from_the_learned_model_says_so_and_marks_its_passage(link):
    """No rule knows these words; the clinician is told the model read them, and sees
    which passage."""
    words = "I keep thinking about swallowing everything in the medicine box"
    http = signed_in(link.client)
    http.post(f"/diary/day/{client_today(link.client)}/", {"note": f"Quiet day. {words}."})
    flag = Flag.objects.get(client=link.client)
    assert "possible risk, read by the learned model" in flag.summary
    page = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/").content.decode()
    assert "possible risk, read by the learned model" in page
    assert f"<mark>{words}" in page


def test_evidence_segments_keep_every_character_in_order():
    from between.risk.services import evidence_segments

    text = "Fine morning. Then I wanted to die. Tea later."
    pieces = evidence_segments(text)
    assert "".join(p for p, _ in pieces) == text
    assert [p for p, found in pieces if found] == ["wanted to die"]
    assert evidence_segments("A quiet day.") == [("A quiet day.", False)]
