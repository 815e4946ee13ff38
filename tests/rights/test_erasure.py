"""Closing an account: a grace period, then crypto-shredding and deletion of every row."""

from datetime import timedelta
from html import unescape

import pytest
from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from between.accounts import keys
from between.accounts.models import DataKey, User, WrappedKey
from between.accounts.services import create_token
from between.audit.models import Action, AuditEvent
from between.audit.services import verify_chain
from between.care.models import Invitation, OutboundEmail
from between.lib import crypto
from between.rights import services
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory, UserFactory
from tests.rights.fill import fill, text_models


def text(response) -> str:
    return unescape(response.content.decode())


def _a_full_account():
    client, clinician = UserFactory(password="a long enough password"), ClinicianFactory()
    canaries, made = {}, {}
    for model, _ in text_models():
        fill(model, client, clinician, made, canaries)
    return client, clinician, canaries


def _backup(owner) -> dict:
    """What a main-database backup holds of this person: their user row, their DataKey rows,
    and every ciphertext of theirs, exactly as stored."""
    ciphertexts = []
    for model, names in text_models():
        owner_field = next((f for f in ("client", "user") if any(
            x.name == f for x in model._meta.concrete_fields)), None)
        if owner_field is None:
            continue
        for name in names:
            field = model._meta.get_field(name)
            for pk, stored in model._base_manager.filter(**{owner_field: owner}) \
                    .values_list("pk", name):
                ciphertexts.append((model, field, pk, stored))
    return {"user": User.objects.filter(pk=owner.pk).values().get(),
            "keys": list(DataKey.objects.filter(user=owner).values()),
            "ciphertexts": ciphertexts}


def _rows_of(user_id: int, email: str) -> list[str]:
    """Every row anywhere outside the audit log that still names this person."""
    left = []
    for model in apps.get_models():
        if model._meta.label in ("audit.AuditEvent", "audit.ChainHead"):
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                if model._base_manager.filter(**{field.attname: user_id}).exists():
                    left.append(f"{model._meta.label}.{field.name}")
            elif field.name in ("email", "to", "username") and \
                    model._base_manager.filter(**{f"{field.name}__iexact": email}).exists():
                left.append(f"{model._meta.label}.{field.name}")
    if WrappedKey.objects.filter(owner_id=user_id).exists():
        left.append("key store")
    for session in Session.objects.all():
        if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
            left.append("django_session")
    return left


@pytest.mark.django_db
def test_erasure_leaves_nothing_readable_even_in_an_old_backup():
    client, clinician, canaries = _a_full_account()
    _, secret = create_token(client, "phone")
    browser = signed_in(client)
    Invitation.objects.create(clinician=clinician, email=client.email, digest="d" * 64,
                              client=client)
    OutboundEmail.queue(to=client.email, subject="Between", text="A reminder.")
    user_id, email = client.pk, client.email
    backup = _backup(client)
    assert len(backup["ciphertexts"]) >= 15 and backup["keys"]

    services.erase(client, by="client")

    assert _rows_of(user_id, email) == [], "no row of theirs remains outside the audit log"
    assert browser.get("/journal/").status_code == 302, "their session is refused"
    api = Client().get("/api/journal", headers={"authorization": f"Bearer {secret}"})
    assert api.status_code == 401, "their token is refused"
    checked, broken, reason = verify_chain()
    assert broken is None, reason
    call_command("verify_audit")
    erased = AuditEvent.objects.filter(action=Action.ACCOUNT_ERASED).get()
    assert erased.subject_id == user_id and erased.detail == {"by": "client", "reason": ""}

    # Restore the old backup's rows with this installation's current keys.
    User.objects.create(**backup["user"])
    for row in backup["keys"]:
        DataKey.objects.create(**row)
    keys.forget_cached_keys()
    opened = 0
    for model, field, pk, stored in backup["ciphertexts"]:
        instance = model(pk=pk)
        try:
            field.open(instance, stored)
            opened += 1
        except crypto.DecryptionError:
            pass
    assert opened == 0, "a backup from before erasure decrypts none of their fields"


@pytest.mark.django_db
def test_closing_asks_for_the_password_and_waits_out_the_grace_period():
    client, _, _ = _a_full_account()
    other_device = signed_in(client)
    here = signed_in(client)
    _, secret = create_token(client, "laptop")

    wrong = here.post("/privacy/data/close/", {"password": "not it"})
    assert wrong.status_code == 400 and "That isn't your password" in text(wrong)
    client.refresh_from_db()
    assert client.erase_after is None

    page = here.post("/privacy/data/close/", {"password": "a long enough password"},
                     follow=True)
    client.refresh_from_db()
    assert timedelta(days=6, hours=23) < client.erase_after - timezone.now() <= timedelta(days=7)
    assert "Your account will close on" in text(page)
    assert other_device.get("/journal/").status_code == 302, "other devices are signed out"
    notice = OutboundEmail.objects.get(to=client.email)
    assert notice.subject == "Your Between account is set to close"
    assert "Keep my account" in notice.text and "canary" not in notice.text
    assert Client().get("/api/journal", headers={"authorization": f"Bearer {secret}"}
                        ).status_code == 401
    home = text(here.get("/journal/"))
    assert "Your account is set to close on" in home, "every page says so, with a way back"

    call_command("runjobs", once=True, at=timezone.now().isoformat())
    assert User.objects.filter(pk=client.pk).exists(), "nothing goes during the grace period"

    here.post("/privacy/data/close/cancel/")
    client.refresh_from_db()
    assert client.erase_after is None
    assert "set to close" not in text(here.get("/journal/"))
    assert AuditEvent.objects.filter(action=Action.CLOSE_CANCELLED, subject_id=client.pk).exists()

    here.post("/privacy/data/close/", {"password": "a long enough password"})
    later = timezone.now() + timedelta(days=7, minutes=1)
    call_command("runjobs", once=True, at=later.isoformat())
    assert not User.objects.filter(pk=client.pk).exists()
    assert _rows_of(client.pk, client.email) == []


@pytest.mark.django_db
def test_an_admin_can_erase_a_client_who_asks_in_person():
    admin = AdminFactory()
    admin.password = make_password("admin password here")
    admin.save()
    client, _, _ = _a_full_account()
    http = signed_in(admin)
    assert "erase their account" in text(http.get("/manage/"))

    nobody = http.post("/manage/erase/", {"email": "nobody@example.org", "reason": "in clinic",
                                          "password": "admin password here"})
    assert nobody.status_code == 400 and "No client has that email" in text(nobody)
    wrong = http.post("/manage/erase/", {"email": client.email, "reason": "in clinic",
                                         "password": "wrong"})
    assert wrong.status_code == 400 and User.objects.filter(pk=client.pk).exists()

    done = http.post("/manage/erase/", {"email": client.email.upper(), "reason": "in clinic",
                                        "password": "admin password here"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=client.pk).exists()
    event = AuditEvent.objects.get(action=Action.ACCOUNT_ERASED)
    assert event.actor_id == admin.pk and event.detail == {"by": "admin", "reason": "in clinic"}
    assert verify_chain()[1] is None


@pytest.mark.django_db
def test_the_operator_command_erases_and_refuses_clinicians():
    from django.core.management.base import CommandError

    clinician = ClinicianFactory()
    with pytest.raises(CommandError, match="no client"):
        call_command("erase_account", clinician.email, reason="asked", yes=True)
    client, _, _ = _a_full_account()
    call_command("erase_account", client.email, reason="asked by letter", yes=True)
    assert not User.objects.filter(pk=client.pk).exists()
    assert User.objects.filter(pk=clinician.pk).exists()


@pytest.mark.django_db
def test_a_clinics_retention_note_is_read_before_closing():
    from between.accounts.models import Clinic
    from between.accounts.services import link_client

    client, clinician = UserFactory(), ClinicianFactory(clinic=Clinic.objects.create(name="Elm"))
    link_client(client, clinician, {"diary"})
    before = text(signed_in(client).get("/privacy/data/close/"))
    assert "may have to keep its own clinical records, outside Between" in before
    call_command("clinic_retention", clinician.clinic.name, "We keep session records for 8 "
                 "years in our own system.")
    page = text(signed_in(client).get("/privacy/data/close/"))
    assert (f"{clinician.clinic.name} says: “We keep session records for 8 years in our own "
            "system.”") in page

