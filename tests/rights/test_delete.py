"""Deleting a piece for real: gone from the database, the log says what kind, never what."""

from html import unescape

import pytest

from between.accounts.services import link_client
from between.audit.models import Action, AuditEvent
from between.care.messaging import release_due, send_message
from between.care.models import Flag, Message
from between.journal.models import Entry
from between.journal.services import write_entry
from between.safety.services import client_today
from between.skills import services as skills
from between.skills.models import ChainAnalysis, Worksheet
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory

RISKY = "I have been saving up my tablets and I am going to take them all tonight"


def text(response) -> str:
    return unescape(response.content.decode())


@pytest.fixture
def pair(db):
    client, clinician = UserFactory(), ClinicianFactory()
    link_client(client, clinician, {"journal", "diary", "safety_plan"})
    return client, clinician


def test_deleting_a_journal_entry_removes_it_and_its_words_from_the_flag(pair):
    client, clinician = pair
    entry = write_entry(client, body=RISKY, shared=True)
    flag = Flag.objects.get(clinician=clinician)
    assert flag.excerpt and "tablets" in flag.excerpt
    http = signed_in(client)
    assert "Delete this entry" in text(http.get(f"/journal/{entry.pk}/"))
    confirm = text(http.get(f"/privacy/delete/journal-entry/{entry.pk}/"))
    assert "Delete this journal entry?" in confirm and "gone for good" in confirm

    done = http.post(f"/privacy/delete/journal-entry/{entry.pk}/", follow=True)
    assert "That journal entry is deleted." in text(done)
    assert not Entry.objects.filter(pk=entry.pk).exists()
    flag.refresh_from_db()
    assert flag.excerpt is None, "the clinician keeps the fact, not the words"
    seen = text(signed_in(clinician).get(f"/care/clients/{client.pk}/"))
    assert flag.summary in seen and "they have since deleted what they wrote" in seen
    assert "tablets" not in seen
    event = AuditEvent.objects.get(action=Action.DELETED)
    assert event.target == "journal entry" and event.subject_id == client.pk
    assert "tablets" not in str(event.detail) and str(entry.pk) not in str(event.detail)


def test_worksheets_and_chains_can_be_deleted_from_where_they_are_listed(pair):
    client, _ = pair
    worksheet = skills.start_worksheet(client, "tipp")
    chain = skills.save_chain(client, day=client_today(client), behaviour="Self-harm",
                              content={})
    http = signed_in(client)
    assert f"/privacy/delete/worksheet/{worksheet.pk}/" in text(http.get("/skills/practice/"))
    assert f"/privacy/delete/chain/{chain.pk}/" in text(http.get(f"/skills/chains/{chain.pk}/"))
    http.post(f"/privacy/delete/worksheet/{worksheet.pk}/")
    http.post(f"/privacy/delete/chain/{chain.pk}/")
    assert not Worksheet.objects.exists() and not ChainAnalysis.objects.exists()
    assert list(AuditEvent.objects.filter(action=Action.DELETED).values_list(
        "target", flat=True)) == ["worksheet", "chain analysis"]


def test_only_a_message_not_yet_delivered_can_be_deleted(pair):
    client, clinician = pair
    http = signed_in(client)
    waiting = send_message(client, clinician, "a question for Thursday").item
    assert waiting.released_at is None
    assert "Delete it before it arrives" in text(http.get("/messages/"))
    http.post(f"/privacy/delete/message/{waiting.pk}/")
    assert not Message.objects.filter(pk=waiting.pk).exists()

    delivered = send_message(client, clinician, "another one").item
    from datetime import timedelta

    release_due(now=delivered.release_at + timedelta(seconds=1))
    delivered.refresh_from_db()
    assert delivered.released_at is not None
    assert http.post(f"/privacy/delete/message/{delivered.pk}/").status_code == 404
    assert Message.objects.filter(pk=delivered.pk).exists()


def test_nobody_deletes_anyone_elses(pair):
    client, _ = pair
    entry = write_entry(client, body="mine", shared=False)
    stranger = signed_in(UserFactory())
    assert stranger.post(f"/privacy/delete/journal-entry/{entry.pk}/").status_code == 404
    assert signed_in(client).post(f"/privacy/delete/diary-card/{entry.pk}/").status_code == 404
    assert Entry.objects.filter(pk=entry.pk).exists()
