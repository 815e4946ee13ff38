"""Email: sent once even when a worker dies part-way, and nothing readable left behind."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from between.care import messaging
from between.care.models import OutboundEmail


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs."""


@pytest.mark.django_db
def test_the_body_is_sealed_while_it_waits_and_gone_once_sent():
    email = OutboundEmail.queue(to="new@example.org", subject="An invitation to Between",
                                text="Open https://between.example/invite/SECRET-TOKEN/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM care_outboundemail")
        stored = cursor.fetchone()[0]
    assert stored.startswith("s1.") and "SECRET-TOKEN" not in stored
    assert messaging.send_emails() == 1
    assert "SECRET-TOKEN" in mail.outbox[0].body
    email.refresh_from_db()
    assert email.sent_at and email.body == ""


@pytest.mark.django_db
def test_a_worker_killed_after_sending_does_not_send_again_inside_the_lease(monkeypatch):
    OutboundEmail.queue(to="clinician@example.org", subject="Your Between check-in",
                        text="2 items are waiting.")
    real_send = mail.EmailMessage.send

    def send_then_die(self, *args, **kwargs):
        real_send(self, *args, **kwargs)
        raise Killed

    monkeypatch.setattr(mail.EmailMessage, "send", send_then_die)
    with pytest.raises(Killed):
        messaging.send_emails()
    monkeypatch.setattr(mail.EmailMessage, "send", real_send)
    assert len(mail.outbox) == 1
    assert messaging.send_emails() == 0, "another pass inside the lease leaves it alone"
    assert len(mail.outbox) == 1
    OutboundEmail.objects.update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert messaging.send_emails() == 1, "after the lease, it goes again"
    first, second = mail.outbox
    assert first.extra_headers["Message-ID"] == second.extra_headers["Message-ID"]
    assert OutboundEmail.objects.get().attempts == 2


@pytest.mark.django_db
def test_a_mail_server_failure_is_tried_again_after_the_lease(monkeypatch):
    OutboundEmail.queue(to="clinician@example.org", subject="s", text="t")

    def refuse(self, *args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    assert messaging.send_emails() == 0
    monkeypatch.undo()
    assert messaging.send_emails() == 0, "not before the lease runs out"
    OutboundEmail.objects.update(claimed_until=None)
    assert messaging.send_emails() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_sent_emails_are_deleted_after_a_week():
    old = OutboundEmail.queue(to="a@example.org", subject="s", text="t")
    OutboundEmail.objects.filter(pk=old.pk).update(
        sent_at=timezone.now() - timedelta(days=8), body="")
    OutboundEmail.queue(to="b@example.org", subject="s", text="t")
    messaging.send_emails()
    assert list(OutboundEmail.objects.values_list("to", flat=True)) == ["b@example.org"]
