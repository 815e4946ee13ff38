import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from between.parts import pluralport, services
from between.parts.models import Front, Part
from tests.conftest import signed_in
from tests.factories import UserFactory

FILE = Path(__file__).parents[1] / "data" / "parts" / "pluralport-v0.1.json"


def _at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def _shape(client):
    return [(f.kind, f.started_at, f.ended_at, sorted(p.name for p in f.fronting.all()),
             sorted(p.name for p in f.co_conscious.all()), f.status or "", f.note or "",
             f.approximate)
            for f in Front.objects.filter(client=client).order_by("started_at", "ended_at",
                                                                  "status")]


@pytest.mark.django_db
def test_a_pluralport_file_keeps_roles_custom_fronts_and_switch_events(client_user):
    response = signed_in(client_user).post("/parts/import/", {
        "file": SimpleUploadedFile("system.json", FILE.read_bytes())})
    html = response.content.decode()
    assert response.status_code == 200
    parts = {p.name: p for p in Part.objects.filter(client=client_user)}
    assert set(parts) == {"Wren", "Oak"}  # Foggy is a custom front, not a part
    assert (parts["Wren"].age_or_role, parts["Wren"].colour) == ("teen", "#3366cc")
    assert _shape(client_user) == [
        ("front", _at(28, 8), _at(28, 12), ["Wren"], ["Oak"], "", "Bus to work, loud.", False),
        ("front", _at(28, 12), _at(28, 13), [], [], "Foggy", "", False),
        ("front", _at(28, 13), _at(28, 14), ["Oak"], [], "", "", False),  # overlapping rows
        ("front", _at(28, 13), _at(28, 15), ["Wren"], [], "", "", False),  # are a co-front
        ("front", _at(29, 9), _at(29, 11), ["Oak"], [], "", "", False),  # from front events
    ]
    assert not Front.objects.filter(note_shared=True).exists()  # notes come in private
    for said in ("2 parts added", "5 front periods added", "Birthdays (1 part)",
                 "Proxy tags (1 part)", "What only sheaf keeps (1 part)", "Groups (1)",
                 "Notes (1)", "A member without an id or a name was left out.",
                 "named a member who isn&#x27;t in the file",
                 "without a readable start", "The file says: 2 avatars were exported"):
        assert said in html, said
    assert html.count("named a member who isn&#x27;t in the file") == 1


@pytest.mark.django_db
def test_between_to_pluralport_and_back_keeps_everything(client_user):
    ash = services.save_part(client_user, name="Ash", pronouns="they/them", emoji="🌿",
                             colour="#1e8449", age_or_role="protector", description="Maps.",
                             helps="A blanket.", private=["helps", "name"])
    kit = services.save_part(client_user, name="Kit")
    now = timezone.now().replace(microsecond=0)
    services.log_front(client_user, fronting=[ash], co_conscious=[kit],
                       started_at=now - timedelta(hours=9), ended_at=now - timedelta(hours=8),
                       approximate=True, note="Loud shop.", status="shaky")
    services.log_front(client_user, kind="lost", fronting=[kit],
                       started_at=now - timedelta(hours=7), ended_at=now - timedelta(hours=5),
                       note="Woke on the bus.")
    services.log_front(client_user, status="not sure", started_at=now - timedelta(hours=4),
                       ended_at=now - timedelta(hours=3))
    services.log_front(client_user, fronting=[ash, kit], started_at=now - timedelta(hours=2))

    raw = signed_in(client_user).get("/parts/export/pluralport.json").content
    exported = json.loads(raw)
    assert exported["openplural_version"] == "0.1"
    assert len(exported["front_periods"]) == 2
    assert len(exported["extensions"]["between"]["other_periods"]) == 2

    other = UserFactory()
    report = pluralport.import_export(other, pluralport.read(raw))
    assert not report.problems and report.parts_added == 2
    theirs = {p.name: p for p in Part.objects.filter(client=other)}
    mine = Part.objects.get(pk=ash.pk)
    for field in ("pronouns", "emoji", "colour", "age_or_role", "description", "helps",
                  "private"):
        assert getattr(theirs["Ash"], field) == getattr(mine, field), field
    assert _shape(other) == _shape(client_user)


@pytest.mark.django_db
def test_risky_words_in_an_import_prompt_and_say_truly_who_is_told(client_user):
    from between.accounts.services import link_client
    from between.care.models import Flag
    from tests.factories import ClinicianFactory

    link_client(client_user, ClinicianFactory(), {"parts"})
    data = {"openplural_version": "0.1", "members": [
        {"id": "m1", "name": "Rook", "extensions": {"between": {
            "helps": "Nothing. I want to kill myself tonight.", "private": ["helps"]}}}],
        "front_periods": []}
    http = signed_in(client_user)
    page = http.post("/parts/import/", {"file": SimpleUploadedFile(
        "p.json", json.dumps(data).encode())}).content.decode()
    assert "That sounds like a really hard day." in page and "nobody else has been told" in page
    assert Part.objects.get().risk_level == "urgent" and not Flag.objects.exists()
