import os
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from between.accounts.models import Clinic
from between.audit import triggers
from between.audit.models import Action, AuditEvent, ChainHead, PendingRead
from between.audit.services import record, record_read, seal_reads, verify_chain
from between.rights import records
from tests.conftest import signed_in
from tests.factories import AdminFactory, UserFactory


def _events(n=5):
    user = UserFactory()
    return [record(Action.READ, actor=user, subject=user, target=f"t{i}") for i in range(n)]


@pytest.mark.django_db
def test_chain_links_each_row_to_the_one_before():
    events = _events(3)
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert [e.seq for e in events] == sorted(e.seq for e in events)
    checked, broken, _ = verify_chain()
    assert broken is None and checked == AuditEvent.objects.count()


@pytest.mark.django_db
def test_database_refuses_update_and_delete_of_audit_rows():
    event = _events(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(target="changed")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.get(pk=event.pk).target == "t0"


@pytest.mark.django_db
def test_verify_audit_names_the_first_altered_row():
    events = _events(5)
    triggers.drop()  # someone with raw database access edits history
    AuditEvent.objects.filter(pk=events[2].seq).update(target="innocent")
    checked, broken, reason = verify_chain()
    assert broken == events[2].seq
    assert "do not match its hash" in reason
    with pytest.raises(CommandError, match=f"broken at row {events[2].seq}"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_verify_audit_notices_a_deleted_row():
    events = _events(4)
    triggers.drop()
    AuditEvent.objects.filter(pk=events[1].seq).delete()
    _, broken, reason = verify_chain()
    assert broken == events[1].seq and "missing" in reason


@pytest.mark.django_db
def test_verify_audit_notices_rows_cut_from_the_end():
    events = _events(4)
    triggers.drop()
    AuditEvent.objects.filter(pk=events[-1].seq).delete()
    _, broken, reason = verify_chain()
    assert broken == events[-1].seq and "removed from the end" in reason


@pytest.mark.django_db
def test_verify_audit_command_reports_an_intact_chain(capsys):
    _events(3)
    call_command("verify_audit")
    assert f"intact: {AuditEvent.objects.count()} rows" in capsys.readouterr().out


def test_concurrent_writers_keep_one_unbroken_chain(committed_db):
    user = UserFactory()
    errors = []

    def write():
        try:
            for _ in range(15):
                record(Action.READ, actor=user, subject=user, target="race")
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert AuditEvent.objects.filter(target="race").count() == 45
    checked, broken, _ = verify_chain()
    assert broken is None
    assert ChainHead.objects.get().seq == checked


@pytest.mark.django_db
def test_an_edited_row_rehashed_without_the_key_is_caught():
    """Someone with the database but not the audit key edits a row and recomputes every
    hash after it, as the old unkeyed chain allowed."""
    import hashlib
    import json

    events = _events(4)
    triggers.drop()
    prev = events[0].hash
    for event in AuditEvent.objects.filter(seq__gt=events[0].seq).order_by("seq"):
        event.target = "innocent" if event.seq == events[1].seq else event.target
        event.prev_hash = prev
        body = {"seq": event.seq, "at": event.at.isoformat(), "actor_id": event.actor_id,
                "actor_label": event.actor_label, "action": event.action,
                "subject_id": event.subject_id, "target": event.target,
                "detail": event.detail, "prev": event.prev_hash, "keyed": True}
        event.hash = hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":"))
                                    .encode()).hexdigest()
        AuditEvent.objects.filter(pk=event.seq).update(target=event.target,
                                                       prev_hash=prev, hash=event.hash)
        prev = event.hash
    ChainHead.objects.filter(pk=1).update(hash=prev)
    _, broken, reason = verify_chain()
    assert broken == events[1].seq and "do not match its hash" in reason


@pytest.mark.django_db
def test_a_cut_tail_with_the_head_moved_back_is_caught_by_the_anchor(settings, tmp_path):
    from between.audit.services import anchor_head, read_anchors

    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.log"
    events = _events(5)
    assert anchor_head() and not anchor_head(), "one line per move of the head"
    assert read_anchors() == [(events[-1].seq, events[-1].hash)]
    triggers.drop()
    AuditEvent.objects.filter(seq__gte=events[3].seq).delete()
    ChainHead.objects.filter(pk=1).update(seq=events[2].seq, hash=events[2].hash)
    _, broken, reason = verify_chain()
    assert broken == events[-1].seq and "anchor written outside the database" in reason
    with pytest.raises(CommandError, match="broken"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_a_forged_anchor_line_is_ignored(settings, tmp_path):
    from between.audit.services import read_anchors

    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.log"
    events = _events(2)
    settings.AUDIT_ANCHOR_FILE.write_text(
        f"{events[-1].seq} {'f' * 64} 2026-11-30T00:00:00 {'0' * 64}\nnot a line at all\n")
    assert read_anchors() == []
    assert verify_chain()[1] is None


@pytest.mark.django_db
def test_runjobs_anchors_the_head(settings, tmp_path):
    from between.audit.services import read_anchors

    settings.AUDIT_ANCHOR_FILE = tmp_path / "anchors.log"
    events = _events(3)
    call_command("runjobs", "--once", stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert read_anchors()[-1] == (events[-1].seq, events[-1].hash)
    assert oct(settings.AUDIT_ANCHOR_FILE.stat().st_mode)[-3:] == "600"


# --- Reads wait beside the chain, and are sealed into it ------------------------------


@pytest.mark.django_db
def test_a_read_is_one_insert_beside_the_chain_shown_at_once_and_sealed_in_order(
        link, django_assert_num_queries):
    record(Action.CONSENT_GRANTED, actor=link.client, subject=link.client, target="diary")
    head = ChainHead.objects.get()
    with django_assert_num_queries(1):
        record_read(link.clinician, link.client, "overview")
    record_read(link.clinician, link.client.pk, "diary")
    assert ChainHead.objects.get().seq == head.seq, "a read doesn't touch the chain's head"
    seen = signed_in(link.client).get("/privacy/seen/").content.decode()
    assert "Looked at your name and what you share" in seen and "Looked at your diary card" in seen
    head = ChainHead.objects.get()  # signing in to look was itself recorded
    assert seal_reads() == 2 and seal_reads() == 0
    assert not PendingRead.objects.exists()
    sealed = list(AuditEvent.objects.filter(action=Action.READ).order_by("seq"))
    assert [(e.seq, e.target, e.actor_id, e.subject_id) for e in sealed] == [
        (head.seq + 1, "overview", link.clinician.pk, link.client.pk),
        (head.seq + 2, "diary", link.clinician.pk, link.client.pk)]
    assert sealed[0].prev_hash == head.hash and sealed[1].prev_hash == sealed[0].hash
    assert verify_chain() == (head.seq + 2, None, "")
    assert seen.count("Looked at") == signed_in(link.client).get(
        "/privacy/seen/").content.decode().count("Looked at"), "the same list, sealed"


@pytest.mark.django_db
def test_a_sealed_read_that_is_changed_breaks_the_chain(link):
    record_read(link.clinician, link.client, "journal")
    seal_reads()
    event = AuditEvent.objects.get(action=Action.READ)
    triggers.drop()
    try:
        AuditEvent.objects.filter(pk=event.seq).update(target="overview")
    finally:
        triggers.install()
    assert verify_chain()[1] == event.seq


@pytest.mark.django_db
def test_runjobs_and_verify_audit_seal_waiting_reads_and_the_export_has_them_before(link,
                                                                                    capsys):
    record_read(link.clinician, link.client, "journal")
    export = records.collect(link.client)
    assert [(s["what"], s["who"]) for s in export["seen"] if s["action"] == "Viewed"] == [
        ("journal", str(link.clinician))]
    call_command("verify_audit")
    assert "Sealed 1 reads" in capsys.readouterr().out
    record_read(link.clinician, link.client, "diary")
    call_command("runjobs", "--once")
    assert not PendingRead.objects.exists()
    assert AuditEvent.objects.filter(action=Action.READ).count() == 2
    assert verify_chain()[1] is None


@pytest.mark.django_db
def test_an_administrator_sees_waiting_reads_in_the_log_and_its_export(link):
    link.clinician.clinic = Clinic.objects.create(name="Riverside")
    link.clinician.save()
    admin = AdminFactory(clinic=link.clinician.clinic)
    record_read(link.clinician, link.client, "measures")
    http = signed_in(admin)
    page = http.get("/manage/audit/", {"client": link.client.email, "action": "read"})
    assert "Your questionnaire scores" in page.content.decode()
    rows = http.get("/manage/audit/", {"client": link.client.email,
                                       "format": "csv"}).content.decode().splitlines()
    assert rows[-1].startswith(",") and "Your questionnaire scores" in rows[-1]
    assert PendingRead.objects.count() == 1, "looking at the log writes nothing"


def test_reads_made_while_others_seal_are_each_sealed_once(committed_db):
    user = UserFactory()
    errors = []

    def read():
        try:
            for _ in range(40):
                record_read(user, user, "race")
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    def seal():
        try:
            for _ in range(10):
                seal_reads(batch=7)
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=f) for f in (read, read, seal, seal)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seal_reads()
    assert errors == []
    assert AuditEvent.objects.filter(target="race").count() == 80
    assert not PendingRead.objects.exists()
    assert verify_chain()[1] is None
