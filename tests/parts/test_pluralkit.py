import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from between.parts import pluralkit, services
from between.parts.models import Front, Part
from tests.conftest import signed_in
from tests.factories import UserFactory

EXPORT = Path(__file__).parents[1] / "data" / "parts" / "pluralkit-v2.json"


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _upload(http, raw: bytes, name="system.json"):
    return http.post("/parts/import/", {"file": SimpleUploadedFile(name, raw)})


@pytest.mark.django_db
def test_a_pluralkit_export_becomes_parts_and_front_periods(client_user):
    response = _upload(signed_in(client_user), EXPORT.read_bytes())
    html = response.content.decode()
    assert response.status_code == 200
    parts = {p.name: p for p in Part.objects.filter(client=client_user)}
    assert set(parts) == {"Ash 🌿", "Kit", "the little one"}
    ash = parts["Ash 🌿"]
    assert (ash.pronouns, ash.colour, ash.source_id) == ("they/them", "#2a7f62",
                                                          "pluralkit:abcde")
    assert parts["the little one"].colour == ""  # "not-a-colour" is not kept
    assert parts["the little one"].description == "Hides under the desk.\nNeeds the lights on."
    fronts = list(Front.objects.filter(client=client_user).order_by("started_at"))
    spans = [(f.started_at, f.ended_at, sorted(p.name for p in f.fronting.all()))
             for f in fronts]
    assert spans == [
        (_at("2026-11-28T22:00"), _at("2026-11-29T09:00"), ["the little one"]),
        (_at("2026-11-29T09:00"), _at("2026-11-29T12:30"), ["the little one"]),
        (_at("2026-11-29T12:30"), _at("2026-11-29T18:00"), ["Ash 🌿", "Kit"]),
        (_at("2026-11-29T20:15"), None, ["Kit"]),  # 18:00 to 20:15: nobody at the front
    ]
    assert "4 front periods added" in html and "3 parts added" in html
    for left in ("Profile pictures (1 part)", "Birthdays (1 part)", "Proxy tags (1 part)",
                 "“favourite_colour_field_from_the_future” (1 part)", "Groups",
                 "The system&#x27;s name", "A second name"):
        assert left in html, left
    assert "Member pqrst has no name and was left out." in html
    assert "A member without an id was left out." in html
    assert "A switch without a readable time was left out." in html
    assert "Two switches at 29 Nov 2026 09:00" in html
    assert "Switches named a member who isn&#x27;t in the file (1 time)" in html


@pytest.mark.django_db
def test_importing_the_same_file_twice_adds_nothing(client_user):
    http = signed_in(client_user)
    _upload(http, EXPORT.read_bytes())
    second = _upload(http, EXPORT.read_bytes()).content.decode()
    assert Part.objects.count() == 3 and Front.objects.count() == 4
    assert "0 parts added, 3 updated from the file" in second
    assert "4 were already here" in second


@pytest.mark.django_db
@pytest.mark.parametrize(("raw", "says"), [
    (b"\x89PNG not json", "it isn&#x27;t JSON"),
    (b'{"members": "nope", "version": 2}', "has no list of members"),
    (b'{"members": [], "version": 7}', "export version 7"),
    (b"[1, 2, 3]", "has no list of members"),
])
def test_a_file_that_is_not_an_export_is_refused_by_name_and_nothing_is_kept(
        client_user, raw, says):
    response = _upload(signed_in(client_user), raw)
    html = response.content.decode()
    assert response.status_code == 400
    assert "File: this" in html and says in html
    assert not Part.objects.exists() and not Front.objects.exists()


@pytest.mark.django_db
def test_export_then_import_round_trips_into_another_account(client_user):
    _upload(signed_in(client_user), EXPORT.read_bytes())
    ours = services.save_part(client_user, name="Wren", pronouns="he/him", colour="#aa3300",
                              description="Made in Between, not PluralKit.")
    response = signed_in(client_user).get("/parts/export/pluralkit.json")
    assert response["Content-Disposition"].endswith('between-parts-pluralkit.json"')
    exported = json.loads(response.content)
    assert exported["version"] == 2
    stamps = [s["timestamp"] for s in exported["switches"]]
    assert stamps == sorted(stamps, reverse=True)  # newest first, as PluralKit writes
    assert {"timestamp": "2026-11-29T18:00:00Z", "members": []} in exported["switches"]

    other = UserFactory()
    report = pluralkit.import_export(other, pluralkit.read(response.content))
    assert report.parts_added == 4 and not report.problems
    theirs = {p.name: p for p in Part.objects.filter(client=other)}
    assert theirs["Wren"].description == ours.description
    assert theirs["Wren"].colour == "#aa3300" and theirs["Wren"].pronouns == "he/him"

    def shape(client):
        return [(f.started_at, f.ended_at, sorted(p.name for p in f.fronting.all()))
                for f in Front.objects.filter(client=client).order_by("started_at")]
    assert shape(other) == shape(client_user)


@pytest.mark.django_db
def test_a_switch_that_names_someone_twice_counts_them_once(client_user):
    data = {"version": 2, "members": [{"id": "abcde", "name": "Ash"}],
            "switches": [{"timestamp": "2026-11-29T09:00:00Z", "members": ["abcde", "abcde"]}]}
    report = pluralkit.import_export(client_user, data)
    assert report.periods_added == 1
    assert [p.name for p in Front.objects.get().fronting.all()] == ["Ash"]
