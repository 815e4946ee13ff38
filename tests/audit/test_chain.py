import os
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from between.audit import triggers
from between.audit.models import Action, AuditEvent, ChainHead
from between.audit.services import record, verify_chain
from tests.factories import UserFactory


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
