import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from between.accounts.services import link_client
from between.care.messaging import release_due, send_emails, send_message
from between.care.models import ContactPolicy, Digest, Flag, Message, OutboundEmail
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory


@pytest.mark.django_db
def test_message_outside_the_window_waits_and_says_when(link, policy):
    http = signed_in(link.client)
    page = http.get("/messages/").content.decode()
    assert f"{link.clinician} reads messages on" in page
    response = http.post("/messages/", {"clinician": link.clinician_id,
                                        "body": "Can we talk about Tuesday?"})
    html = response.content.decode()
    message = Message.objects.get()
    assert message.release_at > timezone.now() and message.outside_window
    assert message.released_at is None
    assert f"{link.clinician} reads messages on" in html and "9am to 10am" in html
    assert 'href="/crisis"' in html and 'href="/safety-plan/"' in html
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM care_message")
        assert cursor.fetchone()[0].startswith("v1.")


@pytest.mark.django_db
def test_clinician_sees_nothing_until_the_window_opens(link, policy):
    send_message(link.client, link.clinician, "hello")
    clinician = signed_in(link.clinician)
    assert "hello" not in clinician.get("/care/digest/").content.decode()
    assert release_due() == 0
    assert release_due(now=Message.objects.get().release_at) == 1
    assert "hello" in clinician.get("/care/digest/").content.decode()
    assert sealed_reads(target="messages",
                                     subject_id=link.client_id).exists()


@pytest.mark.django_db
def test_digest_email_says_only_how_many(link, policy):
    send_message(link.client, link.clinician, "private words here")
    send_message(link.client, link.clinician, "more private words")
    release_due(now=timezone.now() + timedelta(days=8))
    assert send_emails() == 1
    (email,) = mail.outbox
    assert email.to == [link.clinician.email]
    assert "2 items from your clients are waiting" in email.body
    assert "private" not in email.body + email.subject
    assert link.client.display_name not in email.body
    assert send_emails() == 0, "each email is sent once"


@pytest.mark.django_db
def test_risky_message_shows_the_plan_and_is_marked_first(link, policy):
    http = signed_in(link.client)
    send_message(link.client, link.clinician, "Could we swap to Thursday?")
    html = http.post("/messages/", {"clinician": link.clinician_id,
                                    "body": "I can't stop thinking about killing myself"}
                     ).content.decode()
    assert "That sounds like a really hard day." in html
    assert not mail.outbox and not OutboundEmail.objects.exists(), "no paging by default"
    release_due(now=timezone.now() + timedelta(days=8))
    page = signed_in(link.clinician).get("/care/digest/").content.decode()
    assert page.index("Marked for attention") < page.index("killing myself") \
        < page.index("Could we swap")
    assert Flag.objects.get(source="message").clinician == link.clinician


@pytest.mark.django_db
def test_clinic_can_choose_to_be_paged_for_risk(link, policy):
    from between.accounts.models import Clinic

    link.clinician.clinic = Clinic.objects.create(name="Paging clinic", page_on_risk=True)
    link.clinician.save()
    send_message(link.client, link.clinician, "I want to die")
    page = OutboundEmail.objects.get()
    assert "waiting" in page.text and "die" not in page.text


@pytest.mark.django_db
def test_cannot_message_a_clinician_without_a_link(client_user):
    stranger = ClinicianFactory()
    response = signed_in(client_user).post("/api/messages", {"clinician_id": stranger.pk,
                                                             "text": "hi"},
                                           content_type="application/json")
    assert response.status_code == 404 and not Message.objects.exists()


def test_two_workers_release_each_message_exactly_once(committed_db):
    clinician = ClinicianFactory()
    ContactPolicy.objects.create(clinician=clinician, windows=[])
    clients = [UserFactory() for _ in range(6)]
    for c in clients:
        link_client(c, clinician, set())
        for i in range(5):
            send_message(c, clinician, f"message {i}")
    Message.objects.update(released_at=None, digest=None)
    errors = []

    def worker():
        try:
            release_due(now=timezone.now() + timedelta(seconds=1))
            send_emails()
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Message.objects.filter(released_at__isnull=True).count() == 0
    assert Message.objects.filter(digest__isnull=False).count() == 30
    digests = Digest.objects.all()
    assert sum(Message.objects.filter(digest=d).count() for d in digests) == 30
    emails = OutboundEmail.objects.all()
    assert emails.count() == digests.count() and all(e.sent_at for e in emails)
    assert len(mail.outbox) == emails.count()
