"""The next session's list: either person brings something, both see it, the clinician
marks it talked about, whoever added it can take it off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from between.care import agenda
from between.care.messaging import release_due, send_message
from between.care.models import AgendaItem, TherapySession
from tests.conftest import signed_in
from tests.factories import ClinicianFactory


@pytest.mark.django_db
def test_a_message_brought_to_session_is_on_both_lists_until_talked_about(link, policy):
    message = send_message(link.client, link.clinician, "My sister's visit went badly.").item
    release_due(now=message.release_at)
    staff = signed_in(link.clinician)
    response = staff.post(f"/care/clients/{link.client_id}/agenda/", {"message": message.pk})
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.text, item.added_by) == ("My sister's visit went badly.", link.clinician)
    mine = signed_in(link.client).get("/sessions/").content.decode()
    assert "My sister&#x27;s visit went badly." in mine
    assert f"Added by {link.clinician}" in mine
    assert "Take it off" not in mine, "the clinician's item is theirs to close"
    theirs = staff.get(f"/care/clients/{link.client_id}/sessions/").content.decode()
    assert "My sister&#x27;s visit went badly." in theirs and "Talked about" in theirs
    staff.post(f"/care/agenda/{item.pk}/done/")
    item.refresh_from_db()
    assert item.discussed_at is not None
    assert "visit went badly" not in signed_in(link.client).get("/sessions/").content.decode()


@pytest.mark.django_db
def test_a_client_adds_and_takes_off_their_own(link, policy):
    http = signed_in(link.client)
    start = timezone.now() + timedelta(days=3)
    TherapySession.objects.create(client=link.client, clinician=link.clinician,
                                  starts_at=start)
    http.post("/sessions/agenda/", {"clinician": link.clinician_id,
                                    "body": "How to say no to overtime"})
    item = AgendaItem.objects.get()
    page = http.get("/sessions/").content.decode()
    assert "How to say no to overtime" in page and "Added by you" in page
    assert "For the session on" in page
    assert agenda.next_session(link.client, link.clinician).starts_at == start
    theirs = agenda.bring(link.client, link.clinician, "Sleep", added_by=link.clinician)
    assert http.post(f"/sessions/agenda/{theirs.pk}/remove/").status_code == 404
    http.post(f"/sessions/agenda/{item.pk}/remove/")
    assert list(AgendaItem.objects.all()) == [theirs]


@pytest.mark.django_db
def test_too_long_is_refused_by_name_and_nothing_is_saved(link, policy):
    response = signed_in(link.client).post("/sessions/agenda/", {
        "clinician": link.clinician_id, "body": "x" * 5001})
    html = response.content.decode()
    assert response.status_code == 400
    assert "This is over 5000 characters. Your words are still here" in html
    assert "x" * 5001 in html
    assert not AgendaItem.objects.exists()


@pytest.mark.django_db
def test_a_clinician_brings_only_what_was_sent_to_them(link, policy):
    message = send_message(link.client, link.clinician, "for you").item
    release_due(now=message.release_at)
    colleague = ClinicianFactory()
    from between.accounts.services import link_client

    link_client(link.client, colleague, set())
    response = signed_in(colleague).post(f"/care/clients/{link.client_id}/agenda/",
                                         {"message": message.pk})
    assert response.status_code == 404
    assert not AgendaItem.objects.exists()


@pytest.mark.django_db
def test_what_a_client_brings_is_screened_like_any_of_their_words(link, policy):
    from between.care.models import Flag

    http = signed_in(link.client)
    response = http.post("/sessions/agenda/", {
        "clinician": link.clinician_id, "body": "I keep thinking about killing myself"})
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.risk_level in ("ideation", "urgent")
    flag = Flag.objects.get()
    assert flag.clinician == link.clinician and flag.summary.startswith("Session list")
    page = http.get(response["Location"]).content.decode()
    assert 'href="/safety-plan/"' in page, "the plan is offered at once"
