from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from between.parts import simplyplural
from between.parts.models import Front, Part
from tests.conftest import signed_in

EXPORT = Path(__file__).parents[1] / "data" / "parts" / "simplyplural-export.json"


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 29, hour, minute, tzinfo=UTC)


def _shape(client):
    return [(f.started_at, f.ended_at, sorted(p.name for p in f.fronting.all()), f.status or "")
            for f in Front.objects.filter(client=client).order_by("started_at")]


@pytest.mark.django_db
def test_a_simply_plural_export_becomes_parts_and_periods_with_co_fronting(client_user):
    response = signed_in(client_user).post("/parts/import/", {
        "file": SimpleUploadedFile("export.json", EXPORT.read_bytes())})
    html = response.content.decode()
    assert response.status_code == 200
    parts = {p.name: p for p in Part.objects.filter(client=client_user)}
    assert set(parts) == {"Rowan", "Juniper"}
    assert parts["Rowan"].description == "Keeps the calendar.\nKnows where the keys are."
    assert (parts["Rowan"].colour, parts["Juniper"].colour) == ("#7b3fa0", "#ff9900")
    assert parts["Rowan"].source_id == "simplyplural:64a1f0c2e4b0a1b2c3d4e5f1"
    assert _shape(client_user) == [
        (_at(9), _at(11), ["Rowan"], ""),  # two overlapping rows of Rowan's are one stretch
        (_at(11), _at(12), ["Juniper", "Rowan"], ""),  # overlapping rows: a co-front
        (_at(12), _at(13), ["Juniper"], ""),
        (_at(13), _at(14), [], "Blurry"),  # a custom front is a status, not a part
        (_at(15), None, ["Rowan"], "tired"),  # still live in the file
    ]
    for said in ("2 parts added", "5 front periods added", "Profile pictures (1 part)",
                 "Custom fields (1 part)", "Links to PluralKit (1 part)", "Groups (1)",
                 "Notes (2)", "“mysteryCollection”",
                 "A member without an id or a name was left out.",
                 "1 front history row had no readable start or end",
                 "1 front history row named someone who isn&#x27;t in the file"):
        assert said in html, said
    assert "Polls" not in html  # an empty collection is nothing left behind
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT status FROM parts_front WHERE status IS NOT NULL")
        stored = " ".join(str(row[0]) for row in cursor.fetchall())
    assert stored and "Blurry" not in stored and "tired" not in stored  # encrypted in bulk


@pytest.mark.django_db
def test_a_second_import_of_the_same_simply_plural_file_adds_nothing(client_user):
    for _ in range(2):
        report = simplyplural.import_export(client_user,
                                            simplyplural.read(EXPORT.read_bytes()))
    assert (report.parts_added, report.parts_updated) == (0, 2)
    assert (report.periods_added, report.periods_skipped) == (0, 5)
    assert Part.objects.count() == 2 and Front.objects.count() == 5


@pytest.mark.django_db
def test_a_front_history_row_that_ends_as_another_begins_is_a_switch_not_a_co_front(
        client_user):
    hour = 3_600_000
    data = {"members": [{"_id": "a", "name": "A"}, {"_id": "b", "name": "B"}],
            "frontHistory": [{"member": "a", "startTime": hour, "endTime": 2 * hour},
                             {"member": "b", "startTime": 2 * hour, "endTime": 3 * hour}]}
    simplyplural.import_export(client_user, data)
    assert [names for _, _, names, _ in _shape(client_user)] == [["A"], ["B"]]


@pytest.mark.django_db
def test_a_pluralkit_file_is_not_taken_for_a_simply_plural_one(client_user):
    raw = b'{"version": 2, "members": [{"id": "abcde", "name": "Ash"}], "switches": []}'
    signed_in(client_user).post("/parts/import/", {"file": SimpleUploadedFile("pk.json", raw)})
    assert Part.objects.get().source_id == "pluralkit:abcde"
