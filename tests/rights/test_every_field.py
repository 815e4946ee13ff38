"""Every free-text field, enumerated from the models, leaves with its owner and comes back.

A canary goes into each; the export must hold each one, the "Everything you've written"
page must show each one, and an import elsewhere followed by a second export must say the
same thing as the first.
"""

import io
import json
import zipfile

import pytest

from between.rights import records, services
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory
from tests.rights.fill import fill, text_models

# Machinery, not records: a prepared export is a copy of the others, emptied once taken.
# A clinician's saved replies are the clinician's own words, about no one client.
NOT_THE_CLIENTS_WORDS = {"rights.Export", "care.SavedReply"}


def _everything_written(client, clinician) -> dict:
    canaries, made = {}, {}
    for model, _ in text_models():
        if model._meta.label not in NOT_THE_CLIENTS_WORDS:
            fill(model, client, clinician, made, canaries)
    return canaries


def _export(client) -> tuple[dict, str]:
    with zipfile.ZipFile(io.BytesIO(services.build_zip(client))) as z:
        return json.loads(z.read("export.json")), z.read("everything.html").decode()


@pytest.mark.django_db
def test_every_free_text_field_is_exported_shown_and_survives_a_move():
    client, clinician = UserFactory(), ClinicianFactory()
    canaries = _everything_written(client, clinician)
    assert len(canaries) >= 20, "every free-text field of every model"

    exported, html = _export(client)
    as_json = json.dumps(exported, ensure_ascii=False)
    page = signed_in(client).get("/privacy/data/everything/").content.decode()
    for text, where in canaries.items():
        assert text in as_json, f"{where} is missing from export.json"
        assert text in html, f"{where} is missing from everything.html"
        assert text in page, f"{where} is missing from the Everything page"

    newcomer = UserFactory()
    counts = services.import_export(newcomer, exported)
    portable = sum(len(exported["records"].get(label, [])) for label in records.PORTABLE)
    assert counts == {"added": portable, "kept": 0,
                      "archived": sum(map(len, exported["records"].values())) - portable}
    again, _ = _export(newcomer)
    assert services.content(again) == services.content(exported)
    # Each portable record came across as a live record, readable under the new owner's key.
    from between.journal.models import Entry

    moved = Entry.objects.get(client=newcomer)
    assert moved.body.startswith("canary-journal.entry-body-")


@pytest.mark.django_db
def test_the_export_matches_its_schema():
    client = UserFactory()
    _everything_written(client, ClinicianFactory())
    exported, _ = _export(client)
    schema = records.schema()
    assert set(schema["required"]) == set(exported)
    for label, rows in exported["records"].items():
        item = schema["properties"]["records"]["properties"][label]["items"]
        for row in rows:
            assert set(row) == set(item["required"]), label


def test_every_kind_of_record_has_a_title_in_the_clients_words():
    missing = [m._meta.label for m in records.owned_models()
               if m._meta.label not in services.TITLES]
    assert not missing, f"name these in rights.services.TITLES: {missing}"
