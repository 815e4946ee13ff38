"""What 'stop sharing' and 'end my link' say is exactly what the clinician then sees."""

from datetime import timedelta

import pytest
from django.utils import timezone

from between.accounts.models import CareLink
from between.accounts.services import share_scopes
from between.audit.models import Action, AuditEvent
from between.care import messaging
from between.care.models import Message, TherapySession
from between.care.sessions import record_feedback
from tests.conftest import signed_in


def _delivered_and_waiting(link):
    delivered = messaging.send_message(link.client, link.clinician, "Thanks for Tuesday").item
    Message.objects.filter(pk=delivered.pk).update(released_at=timezone.now())
    waiting = messaging.send_message(link.client, link.clinician, "Can we talk about it?").item
    return delivered, waiting


@pytest.mark.django_db
def test_untick_everything_says_truly_what_the_clinician_still_sees(link, policy):
    share_scopes(link, {"diary", "journal", "safety_plan"}, actor=link.client)
    session = TherapySession.objects.create(client=link.client, clinician=link.clinician,
                                            starts_at=timezone.now() - timedelta(days=1),
                                            kind="attended")
    record_feedback(session, heard=7, worked_on=7, approach_fits=7, overall=7,
                    felt_off=False, note="It was fine")
    client = signed_in(link.client)
    page = client.post(f"/sharing/{link.pk}/stop/", follow=True).content.decode()
    assert "no longer sees your diary card, safety plan, questionnaire scores, parts or " \
           "journal" in page
    assert "They still see messages and check-ins you send them, your session feedback " \
           "and repair notes" in page
    clinician = signed_in(link.clinician)
    base = f"/care/clients/{link.client_id}"
    for gone in ("/diary/", "/journal/", "/safety-plan/"):
        assert clinician.get(base + gone).status_code == 404, gone
    assert clinician.get(base + "/sessions/").status_code == 200
    assert "It was fine" in clinician.get(base + "/sessions/").content.decode()
    assert messaging.send_message(link.client, link.clinician, "Still here").item.pk


@pytest.mark.django_db
def test_a_client_ends_a_link_and_the_clinician_sees_nothing_more(link, policy):
    delivered, waiting = _delivered_and_waiting(link)
    client = signed_in(link.client)
    confirm = client.get(f"/sharing/{link.pk}/end/").content.decode()
    assert "1 message waiting for their next" in confirm
    assert "Messages they already received can&#x27;t be unsent." in confirm or \
        "Messages they already received can't be unsent." in confirm
    done = client.post(f"/sharing/{link.pk}/end/", follow=True).content.decode()
    assert "and 1 message that hadn&#x27;t reached them yet won&#x27;t." in done or \
        "and 1 message that hadn't reached them yet won't." in done
    link.refresh_from_db()
    assert link.ended_at is not None and link.scopes() == []
    assert list(Message.objects.all()) == [delivered], "delivered stays; waiting is withdrawn"
    clinician = signed_in(link.clinician)
    assert clinician.get(f"/care/clients/{link.client_id}/").status_code == 404
    assert clinician.get(f"/care/clients/{link.client_id}/sessions/").status_code == 404
    assert str(link.client) not in clinician.get("/care/").content.decode()
    assert client.post("/messages/", {"clinician": link.clinician_id,
                                      "body": "hello?"}).status_code in (400, 404)
    assert Message.objects.count() == 1
    assert AuditEvent.objects.filter(action=Action.LINK_ENDED,
                                     subject_id=link.client_id).exists()
    sharing = client.get("/sharing/").content.decode()
    assert f"/sharing/{link.pk}/" not in sharing, "nothing left to share or end with them"
    assert sharing.count(link.clinician.display_name) == 1
    assert sharing.index(link.clinician.display_name) > sharing.index("Links that have ended")


@pytest.mark.django_db
def test_a_clinician_closes_a_link(link, policy):
    _, waiting = _delivered_and_waiting(link)
    clinician = signed_in(link.clinician)
    assert "Close your link with" in clinician.get(
        f"/care/clients/{link.client_id}/close/").content.decode()
    response = clinician.post(f"/care/clients/{link.client_id}/close/")
    assert response["Location"] == "/care/"
    assert not CareLink.objects.active().filter(pk=link.pk).exists()
    assert not Message.objects.filter(pk=waiting.pk).exists()
    assert clinician.get(f"/care/clients/{link.client_id}/").status_code == 404


@pytest.mark.django_db
def test_the_client_sees_an_ended_link_on_their_sharing_page(link, policy):
    signed_in(link.clinician).post(f"/care/clients/{link.client_id}/close/")
    page = signed_in(link.client).get("/sharing/").content.decode()
    assert "Links that have ended" in page
    assert f"{link.clinician}: ended" in page
