"""Before my appointment: drafted from what Between holds, changed by the person, kept
to themselves, printed and downloaded."""

import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from between.care.models import CheckIn, Flag
from between.diary.models import Card
from between.diary.services import ensure_items
from between.measures.models import Response
from between.safety import services as safety
from between.safety.models import CrisisEpisode
from between.safety.services import client_today
from between.skills.models import Practice
from between.summary import services
from between.summary.models import Summary
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory


@pytest.fixture
def client_with_a_month(db):
    client = UserFactory(display_name="Sam")
    today = client_today(client)
    ensure_items(client)
    for n in range(10):
        Card.objects.create(
            client=client, day=today - timedelta(days=n),
            urges={"to_die": 4 if n == 3 else 1, "self_harm": 2},
            emotions={"sadness": 3 + (n % 3 == 0)}, sleep_hours=5 + n % 3,
            as_prescribed=n != 2,
            behaviours={"went_outside": {"done": n % 2 == 0},
                        "substance_use": {"done": n == 5}})
    CrisisEpisode.objects.create(client=client, day=today - timedelta(days=3),
                                 helped=["cold_water"], note="Rang my sister after.")
    CheckIn.objects.create(client=client, clinician=ClinicianFactory(),
                           release_at=timezone.now(), how_it_went="Work has been too much.")
    Response.objects.create(client=client, measure="phq9", total=14, band="Moderate",
                            completed_at=timezone.now() - timedelta(days=2))
    Practice.objects.create(client=client, skill="tipp", day=today, helped=4)
    safety.save_plan(client, {"warning_signs": ["Not answering my phone"],
                              "coping_alone": ["A cold shower"]}, actor=client)
    return client


def _start(client, days=30, purpose="CMHT assessment on Friday"):
    today = client_today(client)
    return services.start_summary(client, purpose=purpose,
                                  start=today - timedelta(days=days - 1), end=today)


def _texts(summary) -> dict:
    return {p["key"]: p["text"] for p in services.parts(summary)}


def test_each_section_is_drafted_from_what_was_kept(client_with_a_month):
    texts = _texts(_start(client_with_a_month))
    assert "Work has been too much." in texts["happening"]
    assert "Sadness: on average 3.4 out of 5" in texts["symptoms"]
    assert "PHQ-9 on" in texts["symptoms"] and "14 out of 27 (Moderate)" in texts["symptoms"]
    assert "Sleep: 5.9 hours a night on average, between 5 and 7" in texts["impact"]
    assert "Went outside: 5 of the 10 days I filled in a card." in texts["impact"]
    assert "used crisis mode 1 time" in texts["events"]
    assert "Rang my sister after." in texts["events"]
    assert "as prescribed on 9 of the 10 days" in texts["medication"]
    assert "Used alcohol or drugs on 1 day." in texts["substances"]
    assert "Urge to die: on average 1.3 out of 5" in texts["risk"]
    assert "4 or more on 1 day, highest 4 on" in texts["risk"]
    assert "Not answering my phone" in texts["risk"]
    assert "TIPP" in texts["helps"] and "A cold shower" in texts["helps"]
    assert "Cold water (1)" in texts["helps"]
    assert texts["strengths"] == "" and texts["hopes"] == "", "those are the person's own"


def test_nothing_kept_means_empty_sections_not_made_up_ones(db):
    texts = _texts(_start(UserFactory()))
    assert all(t == "" for t in texts.values())


def test_between_drafted_lines_never_prompt_but_the_persons_own_words_do(
        client_with_a_month):
    summary = _start(client_with_a_month)
    assert summary.risk_level == "none", "the drafted 'Urge to die' counts are Between's"
    http = signed_in(client_with_a_month)
    data = _form(summary)
    page = http.post(f"/summaries/{summary.pk}/", data, follow=True)
    assert "That sounds like a really hard day." not in page.text
    data["text-hopes"] = "Honestly I have been planning how to end my life"
    page = http.post(f"/summaries/{summary.pk}/", data, follow=True)
    assert "That sounds like a really hard day." in page.text
    assert "This stays with you: nobody else has been told." in page.text
    summary.refresh_from_db()
    assert summary.risk_level in ("ideation", "urgent") and Flag.objects.count() == 0


def _form(summary) -> dict:
    data = {"purpose": summary.purpose, "starts_on": summary.starts_on,
            "ends_on": summary.ends_on, "with_charts": "on"}
    for p in services.parts(summary):
        data[f"text-{p['key']}"] = p["text"]
        if p["include"]:
            data[f"include-{p['key']}"] = "on"
    return data


def test_the_person_changes_words_and_leaves_sections_out(client_with_a_month):
    summary = _start(client_with_a_month)
    data = _form(summary)
    data["text-strengths"] = "I kept going to work\nI look after my cat"
    del data["include-substances"]
    signed_in(client_with_a_month).post(f"/summaries/{summary.pk}/", data)
    summary.refresh_from_db()
    stored = {p["key"]: p for p in services.parts(summary)}
    assert stored["strengths"]["text"] == "I kept going to work\nI look after my cat"
    assert stored["substances"]["include"] is False
    raw = Summary.objects.filter(pk=summary.pk).values_list("sections", flat=True)
    assert "look after my cat" not in json.dumps(list(raw)), "stored encrypted"


def test_drafting_again_keeps_what_the_person_changed(client_with_a_month):
    summary = _start(client_with_a_month, days=3)
    data = _form(summary)
    data["text-risk"] = "My own words about safety"
    data["starts_on"] = summary.ends_on - timedelta(days=29)
    data["redraft"] = "1"
    signed_in(client_with_a_month).post(f"/summaries/{summary.pk}/", data)
    summary.refresh_from_db()
    texts = _texts(summary)
    assert texts["risk"] == "My own words about safety"
    assert "I filled in my diary card on 10 of 30 days." in texts["impact"], "redrafted"


@pytest.mark.parametrize(("change", "says"), [
    ({"ends_on": "2000-01-01"}, "The end comes before the start."),
    ({"text-hopes": "x" * 5001}, "What I hope for: this is 5001 characters, over the limit "
                                 "of 5000. Everything you wrote is still here"),
    ({"starts_on": ""}, "This field is required."),
])
def test_bad_input_is_named_and_nothing_is_saved(client_with_a_month, change, says):
    summary = _start(client_with_a_month)
    before = summary.sections
    data = {**_form(summary), **change, "text-strengths": "new words"}
    page = signed_in(client_with_a_month).post(f"/summaries/{summary.pk}/", data)
    assert page.status_code == 400 and says in page.text
    summary.refresh_from_db()
    assert summary.sections == before


def test_the_pdf_holds_the_persons_words_medication_and_charts(client_with_a_month):
    summary = _start(client_with_a_month)
    data = _form(summary)
    data["text-strengths"] = "I kept going to work"
    del data["include-substances"]
    http = signed_in(client_with_a_month)
    http.post(f"/summaries/{summary.pk}/", data)
    pdf = http.get(f"/summaries/{summary.pk}/before-my-appointment.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "CMHT assessment on Friday" in text and "I kept going to work" in text
    assert "Medication and changes" in text and "as prescribed on 9 of the 10 days" in text
    assert "Alcohol, drugs" not in text, "left out"
    assert "PHQ-9 (out of 27)" in text and "Urge to die (0 to 5)" in text
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4


def test_the_print_view_and_charts_follow_the_choice(client_with_a_month):
    summary = _start(client_with_a_month)
    http = signed_in(client_with_a_month)
    page = http.get(f"/summaries/{summary.pk}/print/").text
    assert "Work has been too much." in page and page.count("<svg") == 3
    data = _form(summary)
    del data["with_charts"]
    http.post(f"/summaries/{summary.pk}/", data)
    assert "<svg" not in http.get(f"/summaries/{summary.pk}/print/").text


def test_someone_else_gets_a_404_and_the_person_can_delete_it(client_with_a_month):
    summary = _start(client_with_a_month)
    other = signed_in(UserFactory())
    for url in (f"/summaries/{summary.pk}/", f"/summaries/{summary.pk}/print/",
                f"/summaries/{summary.pk}/before-my-appointment.pdf"):
        assert other.get(url).status_code == 404
    signed_in(client_with_a_month).post(f"/privacy/delete/summary/{summary.pk}/")
    assert not Summary.objects.exists()


def test_starting_one_from_the_page(client_with_a_month):
    http = signed_in(client_with_a_month)
    page = http.post("/summaries/", {"period": "14", "purpose": "GP review"})
    summary = Summary.objects.get()
    assert page["Location"] == f"/summaries/{summary.pk}/"
    assert (summary.ends_on - summary.starts_on).days == 13 and summary.purpose == "GP review"
    assert "GP review" in http.get("/summaries/").text
