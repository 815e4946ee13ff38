"""Private clinical notes: the author's alone in Between, never in the client's app, in the
client's export, encrypted at rest, on a session or on none."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from between.accounts.services import link_client
from between.care.models import ClinicalNote
from between.care.sessions import log_session
from between.rights.records import collect
from tests.conftest import signed_in
from tests.factories import ClinicianFactory

WORDS = "Talked about the anniversary next week; plan a check-in call on Thursday."


def _held(link, days_ago=2):
    when = (timezone.now() - timedelta(days=days_ago)).replace(second=0, microsecond=0)
    return log_session(link.clinician, link.client, kind="attended", starts_at=when)


@pytest.mark.django_db
def test_a_note_on_a_session_is_kept_encrypted_and_shown_to_its_author_only(link):
    session = _held(link)
    http = signed_in(link.clinician)
    notes_url = f"/care/clients/{link.client_id}/notes/"
    form = http.get(f"{notes_url}?session={session.pk}").content.decode()
    assert f'<option value="{session.pk}" selected>' in form, "the session is chosen already"
    response = http.post(notes_url, {"session": session.pk, "body": WORDS})
    note = ClinicalNote.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#note-{note.pk}")
    assert (note.author, note.client, note.session, note.body) == (
        link.clinician, link.client, session, WORDS)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM care_clinicalnote")
        assert "anniversary" not in cursor.fetchone()[0]

    page = http.get(notes_url).content.decode()
    assert WORDS in page and "Only you can read them in Between" in page
    sessions = http.get(f"/care/clients/{link.client_id}/sessions/").content.decode()
    assert WORDS in sessions and "Your private notes (only you see these)" in sessions

    client = signed_in(link.client)
    for path in ("/sessions/", f"/sessions/{session.pk}/", "/privacy/seen/", "/"):
        assert "anniversary" not in client.get(path, follow=True).content.decode(), path


@pytest.mark.django_db
def test_another_clinician_of_the_same_client_neither_reads_nor_changes_the_note(link):
    note = ClinicalNote.objects.create(client=link.client, author=link.clinician, body=WORDS)
    other = ClinicianFactory()
    link_client(link.client, other, {"diary", "journal", "safety_plan"})
    http = signed_in(other)
    assert "anniversary" not in http.get(
        f"/care/clients/{link.client_id}/notes/").content.decode()
    assert http.get(f"/care/notes/{note.pk}/").status_code == 404
    assert http.post(f"/care/notes/{note.pk}/", {"body": "Changed"}).status_code == 404
    note.refresh_from_db()
    assert note.body == WORDS and note.edited_at is None


@pytest.mark.django_db
def test_the_author_corrects_a_note_and_the_page_says_when(link):
    note = ClinicalNote.objects.create(client=link.client, author=link.clinician, body=WORDS)
    http = signed_in(link.clinician)
    assert WORDS in http.get(f"/care/notes/{note.pk}/").content.decode()
    response = http.post(f"/care/notes/{note.pk}/", {"body": "Call on Friday, not Thursday."})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.body == "Call on Friday, not Thursday." and note.edited_at is not None
    page = http.get(f"/care/clients/{link.client_id}/notes/").content.decode()
    assert "Call on Friday" in page and "changed" in page


@pytest.mark.django_db
def test_a_session_of_another_client_is_refused_by_name_and_nothing_is_saved(
        link, make_link):
    elsewhere = make_link(clinician=link.clinician)
    theirs = _held(elsewhere)
    response = signed_in(link.clinician).post(
        f"/care/clients/{link.client_id}/notes/", {"session": theirs.pk, "body": WORDS})
    page = response.content.decode()
    assert response.status_code == 400
    assert "About a session: choose one of your sessions with this client." in page
    assert "anniversary next week" in page, "the words stay in the form"
    assert not ClinicalNote.objects.exists()


@pytest.mark.django_db
def test_a_long_paste_comes_back_whole_with_the_limit_named(link):
    words = "x" * 20001
    response = signed_in(link.clinician).post(f"/care/clients/{link.client_id}/notes/",
                                              {"body": words})
    assert response.status_code == 400
    assert "Note: this is 20001 characters, over the limit of 20000" in response.content.decode()
    assert words in response.content.decode()
    assert not ClinicalNote.objects.exists()


@pytest.mark.django_db
def test_notes_are_in_the_clients_export_and_go_when_the_client_is_erased(link):
    session = _held(link)
    ClinicalNote.objects.create(client=link.client, author=link.clinician, body=WORDS,
                                session=session)
    rows = collect(link.client)["records"]["care.ClinicalNote"]
    assert [r["body"] for r in rows] == [WORDS]
    link.client.delete()
    assert not ClinicalNote.objects.exists()


@pytest.mark.django_db
def test_a_client_cannot_open_the_notes_pages(link):
    note = ClinicalNote.objects.create(client=link.client, author=link.clinician, body=WORDS)
    http = signed_in(link.client)
    for url in (f"/care/clients/{link.client_id}/notes/", f"/care/notes/{note.pk}/"):
        response = http.get(url)
        assert response.status_code in (403, 404) and "anniversary" not in response.content.decode()


@pytest.mark.django_db
def test_a_note_saved_after_the_idle_timeout_is_kept_for_after_signing_in(link):
    import json
    import time

    from between.accounts.models import Draft

    http = signed_in(link.clinician)
    url = f"/care/clients/{link.client_id}/notes/"
    session = http.session
    session["last_seen"] = time.time() - 16 * 60  # a clinician's limit is 15 minutes
    session.save()
    response = http.post(url, {"session": "", "body": WORDS}, follow=True)
    assert response.redirect_chain[-1][0].startswith(f"/accounts/login/?next={url}")
    assert "What you were writing is kept" in response.content.decode()
    assert not ClinicalNote.objects.exists()
    draft = Draft.objects.get(client=link.clinician, path=url)
    assert json.loads(draft.fields)["body"] == [WORDS]
    again = signed_in(link.clinician)
    assert again.get("/drafts/", {"path": url}).json()["values"]["body"] == [WORDS]
    again.post(url, {"session": "", "body": WORDS})
    assert ClinicalNote.objects.get().body == WORDS
    assert not Draft.objects.exists(), "saving the note lets its draft go"
