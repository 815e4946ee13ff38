"""Bringing an export in through the Your data page, and what bad files get told."""

import io
import json
import zipfile
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from between.journal.models import Entry
from between.journal.services import write_entry
from between.rights import services
from between.rights.models import Archive
from between.safety import services as safety
from tests.conftest import signed_in
from tests.factories import UserFactory


def text(response) -> str:
    return unescape(response.content.decode())


def _upload(data: bytes, name="between.zip"):
    return {"file": SimpleUploadedFile(name, data, content_type="application/zip")}


@pytest.mark.django_db
def test_moving_in_brings_records_and_says_what_happened():
    before = UserFactory()
    write_entry(before, body="written at the old clinic", shared=True)
    safety.save_plan(before, {"warning_signs": ["pacing at night"]}, actor=before)
    zipped = services.build_zip(before)

    after = UserFactory()
    page = signed_in(after).post("/privacy/data/import/", _upload(zipped), follow=True)
    assert "Brought in" in text(page)
    entry = Entry.objects.get(client=after)
    assert entry.body == "written at the old clinic" and entry.shared is True
    assert "pacing at night" in text(signed_in(after).get("/safety-plan/"))
    again = signed_in(after).post("/privacy/data/import/", _upload(zipped), follow=True)
    assert "were already here, and we kept those" in text(again)
    assert not Archive.objects.filter(client=after).exists(), "nothing here names anyone else"


@pytest.mark.django_db
@pytest.mark.parametrize("data,says", [
    (b"not a zip at all", "This isn't a Between export"),
    (None, "This isn't a Between export"),
    ("version", "this Between reads version 1"),
])
def test_a_file_that_isnt_an_export_is_refused_by_name(data, says):
    client = UserFactory()
    if data is None or data == "version":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            body = {"format": "between-export", "version": 99, "records": {}} \
                if data == "version" else {"something": "else"}
            z.writestr("export.json", json.dumps(body))
        data = buffer.getvalue()
    response = signed_in(client).post("/privacy/data/import/", _upload(data))
    assert response.status_code == 400
    page = text(response)
    assert says in page and 'id="id_file-error"' in page
    assert not Entry.objects.filter(client=client).exists()


@pytest.mark.django_db
def test_an_import_that_fails_halfway_saves_nothing(monkeypatch):
    before = UserFactory()
    write_entry(before, body="one", shared=False)
    safety.save_plan(before, {"warning_signs": ["two"]}, actor=before)
    exported = json.loads(zipfile.ZipFile(io.BytesIO(services.build_zip(before)))
                          .read("export.json"))
    exported["records"]["safety.PlanVersion"][0]["number"] = "not a number"
    after = UserFactory()
    with pytest.raises(Exception):  # noqa: B017 - any failure must roll everything back
        services.import_export(after, exported)
    assert not Entry.objects.filter(client=after).exists()
