"""Ready for the team meeting: a clinician's week PDF and date-range CSV hold the diary
card the client shares and nothing else (a canary in every other place), are audited as
reads, and refuse bad dates by name."""

import csv
import io
import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from between.accounts.services import link_client, share_scopes
from between.care.messaging import send_message
from between.diary.models import Card
from between.diary.services import ensure_items
from between.journal.models import Entry
from between.parts import services as parts
from between.safety import services as safety
from between.safety.services import client_today
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Words that live only outside the diary scope, or in "who was present".
CANARIES = ["CANARYJOURNAL", "CANARYPLAN", "CANARYMESSAGE", "CANARYPART", "CANARYPRESENT"]


@pytest.fixture
def world(db):
    client, clinician = UserFactory(display_name="Robin Ash"), ClinicianFactory()
    link = link_client(client, clinician, {"diary"})
    ensure_items(client)
    today = client_today(client)
    for days_ago in range(10):
        Card.objects.create(client=client, day=today - timedelta(days=days_ago),
                            urges={"to_die": 4 if days_ago == 1 else 1},
                            behaviours={"self_harm": {"done": False}},
                            note="Walked by the river" if days_ago == 2 else None,
                            present="CANARYPRESENT was there" if days_ago == 2 else None)
    Entry.objects.create(client=client, body="CANARYJOURNAL words", shared=True)
    safety.save_plan(client, {"warning_signs": ["CANARYPLAN"]}, actor=client)
    send_message(client, clinician, "CANARYMESSAGE please")
    parts.save_part(client, name="CANARYPART")
    return link, today


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_week_pdf_holds_the_card_and_nothing_outside_the_diary_scope(world):
    link, today = world
    start = today - timedelta(days=6)
    http = signed_in(link.clinician)
    response = http.get(f"/care/clients/{link.client_id}/diary/week/{start}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _pdf_text(response.content)
    assert "Diary card for Robin Ash" in text and "Urge to die" in text
    assert "Shaded: at or over the client's own safety thresholds" in text
    assert f"Shared by Robin Ash with {link.clinician}" in text
    for canary in CANARIES:
        assert canary not in text
    assert sealed_reads(actor_id=link.clinician.pk,
                                     subject_id=link.client_id, target="diary").exists()
    if shutil.which("pdftoppm") is None:
        if os.environ.get("BETWEEN_REQUIRE_BROWSER") == "1":
            pytest.fail("pdftoppm is missing (apt-get install poppler-utils)")
        return
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "clinician-week.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / "clinician-week")], check=True)
    assert next(ARTIFACTS.glob("clinician-week-*.png")).stat().st_size > 10_000


def test_the_range_csv_holds_the_range_and_leaves_out_who_was_present(world):
    link, today = world
    http = signed_in(link.clinician)
    start, end = today - timedelta(days=4), today - timedelta(days=1)
    response = http.get(f"/care/clients/{link.client_id}/diary/cards.csv",
                        {"start": start, "end": end})
    assert response.status_code == 200
    body = response.content.decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert [r["date"] for r in rows] == [str(start + timedelta(days=i)) for i in range(4)]
    assert "present" not in rows[0]
    assert rows[-1]["urge:to_die"] == "4"
    assert "Walked by the river" in body
    for canary in CANARIES:
        assert canary not in body
    assert sealed_reads(actor_id=link.clinician.pk,
                                     target="diary").exists()

    share_scopes(link, {"diary", "parts"}, actor=link.client)
    shared = http.get(f"/care/clients/{link.client_id}/diary/cards.csv",
                      {"start": start, "end": end}).content.decode()
    assert "CANARYPRESENT was there" in shared, "with parts shared, who was present is in"


@pytest.mark.parametrize(("query", "words"), [
    ({}, "From: choose the first day. To: choose the last day."),
    ({"start": "2026-13-01", "end": "2026-12-01"}, "From: a date like 2026-11-30."),
    ({"start": "2026-12-01", "end": "2026-11-01"}, "To: on or after the From date."),
])
def test_bad_dates_are_refused_by_name(world, query, words):
    link, _ = world
    response = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/diary/cards.csv", query)
    assert response.status_code == 400
    assert words in response.content.decode()


def test_a_bad_week_start_is_refused_and_nothing_is_read(world):
    link, _ = world
    response = signed_in(link.clinician).get(
        f"/care/clients/{link.client_id}/diary/week/2026-02-30.pdf")
    assert response.status_code == 400 and b"start: a date like" in response.content
    assert not sealed_reads(target="diary").exists()


def test_without_the_diary_scope_there_is_nothing_to_download(world):
    link, today = world
    share_scopes(link, set(), actor=link.client)
    http = signed_in(link.clinician)
    assert http.get(f"/care/clients/{link.client_id}/diary/week/{today}.pdf").status_code == 404
    assert http.get(f"/care/clients/{link.client_id}/diary/cards.csv",
                    {"start": today, "end": today}).status_code == 404
