"""Plant a unique string through the normal write paths; it must reach no disk and no log."""

import json
import logging
import uuid
from pathlib import Path

import pytest
from django.db import connection

from between.diary.models import Card
from between.journal.models import Entry
from between.parts.models import Front, Part
from between.safety.services import client_today
from tests.conftest import signed_in
from tests.factories import UserFactory


def _everything_in_the_database() -> str:
    dump = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            dump.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(dump)


def test_canary_reaches_no_disk_and_no_log(committed_db, caplog, capsys):
    canary = f"canary-{uuid.uuid4().hex}"
    owner = UserFactory()
    http = signed_in(owner)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True  # log every SQL statement and its parameters
    try:
        http.post("/journal/new/", {"body": f"web {canary} words", "shared": "on"})
        http.post("/api/journal", json.dumps({"text": f"api {canary}"}),
                  content_type="application/json")
        http.post(f"/diary/day/{client_today(owner)}/",
                  {"note": f"note {canary}", "present": f"present {canary}",
                   "prn_name_0": f"med{canary}"[:60], "prn_dose_0": "5mg"})
        http.post("/parts/new/", {"name": f"name {canary}", "pronouns": f"p {canary}",
                                  "age_or_role": f"age {canary}",
                                  "description": f"about {canary}", "helps": f"h {canary}"})
        http.post("/parts/now/", {"status": f"status {canary}"})
        http.post("/parts/log/new/", {"kind": "lost", "started_at": "2026-01-01T10:00",
                                      "note": f"note {canary}", "note_shared": "on"})
    finally:
        connection.force_debug_cursor = False

    bodies = sorted(e.body for e in Entry.objects.filter(client=owner))
    assert bodies == [f"api {canary}", f"web {canary} words"], "both writes went through"
    card = Card.objects.get(client=owner)
    assert card.as_needed[0]["name"] == f"med{canary}"[:60], "the medicine went through"
    assert card.note == f"note {canary}" and card.present == f"present {canary}"

    part = Part.objects.get(client=owner)
    assert (part.name, part.helps, part.age_or_role) == (
        f"name {canary}", f"h {canary}", f"age {canary}"), "the part was saved"
    assert Front.objects.get(client=owner, kind="front").status == f"status {canary}"
    assert Front.objects.get(client=owner, kind="lost").note == f"note {canary}"

    assert canary not in _everything_in_the_database()
    if connection.vendor == "sqlite":
        db_file = Path(connection.settings_dict["NAME"])
        connection.close()  # let SQLite settle its WAL
        for path in (db_file, Path(f"{db_file}-wal"), Path(f"{db_file}-journal")):
            if path.exists():
                assert canary.encode() not in path.read_bytes(), f"canary found in {path.name}"
    captured = capsys.readouterr()
    logged = "\n".join(r.getMessage() + repr(r.args) for r in caplog.records)
    assert "INSERT" in logged, "SQL logging was on, so this check looked at real statements"
    assert canary not in logged
    assert canary not in captured.out + captured.err
    var = Path(connection.settings_dict.get("NAME", "")).parent
    for log_file in var.glob("*.log"):
        assert canary not in log_file.read_text(errors="replace")


@pytest.mark.django_db
def test_encrypted_bytes_are_what_reach_the_database():
    owner = UserFactory()
    Entry.objects.create(client=owner, body="plain words")
    assert "plain words" not in _everything_in_the_database()
