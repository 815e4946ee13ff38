"""Self-signup where a clinic allows it: the account is made from an emailed link, and
the page never says whether an address already has an account."""

import re

import pytest
from django.core import mail
from django.test import Client

from between.accounts.models import Clinic, User
from between.audit.models import Action, AuditEvent
from between.care.messaging import send_emails
from between.clinic.models import SignUp
from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Riverside", self_signup=True)


def ask(http, clinic, email="robin@example.org", password=PASSWORD):
    return http.post(f"/signup/{clinic.pk}/", {"display_name": "Robin", "email": email,
                                              "password": password})


def test_signing_up_makes_the_account_from_the_emailed_link(clinic):
    http = Client()
    assert "Riverside invites you" in http.get(f"/signup/{clinic.pk}/").content.decode()
    response = ask(http, clinic, email="Robin@Example.org")
    assert "We've sent a link to robin@example.org" in response.content.decode()
    assert not User.objects.filter(email="robin@example.org").exists(), "not before the link"
    assert PASSWORD not in SignUp.objects.get().password, "the password is kept hashed"
    send_emails()
    link = re.search(r"/signup/confirm/[\w-]+/", mail.outbox[-1].body).group()
    assert http.get(link).status_code == 200
    assert not User.objects.filter(email="robin@example.org").exists(), \
        "opening the link (a mail scanner might) makes nothing"
    response = http.post(link)
    assert response.status_code == 302
    person = User.objects.get(email="robin@example.org")
    assert person.is_client and person.clinic == clinic and person.check_password(PASSWORD)
    assert "Welcome to Between" in http.get("/").content.decode()
    assert Client().post(link).status_code == 404, "the link works once"
    assert AuditEvent.objects.filter(action=Action.SIGNED_UP, actor_id=person.pk).exists()


def test_an_existing_address_gets_the_same_page_and_a_reminder_email(clinic):
    existing = UserFactory(email="taken@example.org")
    response = ask(Client(), clinic, email="taken@example.org")
    assert "We've sent a link to taken@example.org" in response.content.decode()
    assert not SignUp.objects.filter(used_at__isnull=True).exists(), "nothing to confirm"
    assert SignUp.objects.get().password == ""
    send_emails()
    assert "You already have one" in mail.outbox[-1].body
    assert User.objects.filter(email="taken@example.org").get() == existing


def test_a_weak_password_is_refused_by_name(clinic):
    response = ask(Client(), clinic, password="password")
    assert response.status_code == 400 and "id_password_error" in response.content.decode()
    assert not SignUp.objects.exists()


def test_a_clinic_without_self_signup_has_no_sign_up_page(db):
    closed = Clinic.objects.create(name="Closed")
    assert Client().get(f"/signup/{closed.pk}/").status_code == 404
    assert ask(Client(), closed).status_code == 404


def test_nobody_can_flood_an_inbox_from_the_sign_up_page(clinic):
    UserFactory(email="taken@example.org")
    for address in ("new@example.org", "taken@example.org"):
        for _ in range(5):
            response = ask(Client(), clinic, email=address)
            assert f"We've sent a link to {address}" in response.content.decode()
    send_emails()
    sent = [e.to[0] for e in mail.outbox]
    assert sent.count("new@example.org") == 3 and sent.count("taken@example.org") == 3
