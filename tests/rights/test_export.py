"""Taking a copy: built at once when small, by runjobs when large; downloaded once."""

import io
import json
import zipfile
from datetime import timedelta
from html import unescape

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from between.accounts.services import create_token
from between.audit.models import Action, AuditEvent
from between.care.models import OutboundEmail
from between.journal.models import Entry
from between.rights import services
from between.rights.models import Export
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory


def text(response) -> str:
    return unescape(response.content.decode())


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


@pytest.mark.django_db
def test_a_small_export_is_ready_at_once_and_downloads_once():
    client = UserFactory()
    Entry.objects.create(client=client, body="=SUM(A1) the words I wrote on Tuesday")
    http = signed_in(client)
    page = http.post("/privacy/data/export/", follow=True)
    export = Export.objects.get(client=client)
    assert "Your copy is ready to download." in text(page)
    assert "It can be downloaded once" in text(page)

    assert http.get(f"/privacy/data/export/{export.pk}/").status_code == 405, "GET never writes"
    download = http.post(f"/privacy/data/export/{export.pk}/")
    assert download["Content-Type"] == "application/zip"
    assert "attachment" in download["Content-Disposition"]
    with _zip(download.content) as z:
        names = set(z.namelist())
        assert {"export.json", "schema.json", "everything.html", "README.txt",
                "csv/journal_entry.csv", "csv/who_has_seen_my_data.csv"} <= names
        exported = json.loads(z.read("export.json"))
        assert exported["format"] == "between-export" and exported["version"] == 1
        bodies = [e["body"] for e in exported["records"]["journal.Entry"]]
        assert bodies == ["=SUM(A1) the words I wrote on Tuesday"]
        assert "'=SUM(A1)" in z.read("csv/journal_entry.csv").decode(), "no formulas in CSV"
        assert "the words I wrote on Tuesday" in z.read("everything.html").decode()
    export.refresh_from_db()
    assert export.archive is None and export.downloaded_at is not None, "not kept after"

    again = http.post(f"/privacy/data/export/{export.pk}/", follow=True)
    assert "already been downloaded or has expired" in text(again)
    assert again.get("Content-Type", "").startswith("text/html")
    assert AuditEvent.objects.filter(action=Action.EXPORTED, subject_id=client.pk).count() == 1


@pytest.mark.django_db
def test_a_large_export_is_built_by_runjobs_with_a_content_free_email(monkeypatch):
    monkeypatch.setattr(services, "BUILD_NOW_LIMIT", 2)
    client = UserFactory()
    for n in range(3):
        Entry.objects.create(client=client, body=f"entry number {n}, private")
    http = signed_in(client)
    page = text(http.post("/privacy/data/export/", follow=True))
    assert "we'll email you when it's ready" in page
    export = Export.objects.get(client=client)
    assert export.is_waiting and export.archive is None
    assert "export-download" not in text(http.get("/privacy/data/"))
    http.post("/privacy/data/export/")
    assert Export.objects.filter(client=client).count() == 1, "asking twice makes one"

    call_command("runjobs", once=True)
    export.refresh_from_db()
    assert export.is_offered and export.size > 0
    email = OutboundEmail.objects.get(to=client.email)
    assert email.subject == "Your Between export is ready"
    assert "private" not in email.text and "entry number" not in email.text
    assert "export-download" in text(http.get("/privacy/data/"))


@pytest.mark.django_db
def test_an_untaken_export_expires_after_a_day():
    client = UserFactory()
    export = services.request_export(client)
    assert export.archive
    call_command("runjobs", once=True, at=(timezone.now() + timedelta(hours=25)).isoformat())
    export.refresh_from_db()
    assert export.archive is None
    response = signed_in(client).post(f"/privacy/data/export/{export.pk}/", follow=True)
    assert "already been downloaded or has expired" in text(response)


@pytest.mark.django_db
def test_the_api_returns_the_same_zip_to_the_client_only():
    client = UserFactory()
    Entry.objects.create(client=client, body="through the API")
    _, secret = create_token(client, "script")
    response = Client().get("/api/export", headers={"authorization": f"Bearer {secret}"})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with _zip(response.content) as z:
        exported = json.loads(z.read("export.json"))
    assert exported["records"]["journal.Entry"][0]["body"] == "through the API"
    clinician = ClinicianFactory()
    _, clinician_secret = create_token(clinician, "script")
    refused = Client().get("/api/export", headers={"authorization": f"Bearer {clinician_secret}"})
    assert refused.status_code == 404


@pytest.mark.django_db
def test_nothing_secret_leaves_in_an_export():
    client = UserFactory()
    create_token(client, "phone")
    Entry.objects.create(client=client, body="words")
    with _zip(services.build_zip(client)) as z:
        exported = json.loads(z.read("export.json"))
    assert "accounts.DataKey" not in exported["records"]
    token = exported["records"]["accounts.AccessToken"][0]
    assert token["name"] == "phone" and "digest" not in token and "prefix" not in token
    assert "password" not in exported["account"]


@pytest.mark.django_db
def test_the_everything_page_shows_every_answer_even_none():
    client = UserFactory()
    Entry.objects.create(client=client, body="none")
    page = text(signed_in(client).get("/privacy/data/everything/"))
    assert '<dd class="written">none</dd>' in page.replace("\n", "")
    assert "Risk level" not in page, "a level of none is not news"
