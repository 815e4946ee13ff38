"""A client may choose two-step sign-in; it then guards everything but the crisis page,
and they can turn it off with a code, or their clinic can reset a lost one."""

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts.models import Clinic
from between.audit.models import Action, AuditEvent
from between.clinic import services
from tests.conftest import signed_in
from tests.factories import PASSWORD, AdminFactory, UserFactory


def next_code(user) -> str:
    """The code for the next 30 seconds: the current one was just used to turn it on, and
    a code is never accepted twice."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, drift=1):06d}"


def turn_on(http, client):
    http.get("/accounts/mfa/setup/")
    device = TOTPDevice.objects.get(user=client, confirmed=False)
    return http.post("/accounts/mfa/setup/", {"token": f"{totp(device.bin_key):06d}"})


@pytest.mark.django_db
def test_a_client_turns_it_on_and_then_signing_in_needs_a_code():
    client = UserFactory()
    http = signed_in(client)
    assert "Turn on two-step sign-in" in http.get("/settings/").content.decode()
    turn_on(http, client)
    client.refresh_from_db()
    assert client.mfa_enabled and client.needs_mfa
    assert AuditEvent.objects.filter(action=Action.MFA_ENABLED, subject_id=client.pk).exists()
    fresh = Client()
    fresh.post("/accounts/login/", {"username": client.email, "password": PASSWORD})
    assert fresh.get("/journal/")["Location"].startswith("/accounts/mfa/")
    assert fresh.get("/crisis").status_code == 200, "the crisis page never needs it"
    fresh.post("/accounts/mfa/", {"token": next_code(client)})
    assert fresh.get("/journal/").status_code == 200


@pytest.mark.django_db
def test_turning_it_off_needs_a_current_code():
    client = UserFactory()
    http = signed_in(client)
    turn_on(http, client)
    http.post("/settings/two-step/off/", {"token": "000000"})
    client.refresh_from_db()
    assert client.mfa_enabled
    # A wrong code pauses tries for a moment; a person would wait that out.
    TOTPDevice.objects.filter(user=client).update(throttling_failure_count=0,
                                                  throttling_failure_timestamp=None)
    http.post("/settings/two-step/off/", {"token": next_code(client)})
    client.refresh_from_db()
    assert not client.mfa_enabled and not TOTPDevice.objects.filter(user=client).exists()
    assert AuditEvent.objects.filter(action=Action.MFA_DISABLED).exists()


@pytest.mark.django_db
def test_the_clinic_resets_a_clients_lost_second_factor():
    clinic = Clinic.objects.create(name="Riverside")
    admin = AdminFactory(clinic=clinic)
    client = UserFactory(clinic=clinic)
    turn_on(signed_in(client), client)
    client.refresh_from_db()
    reset = services.request_mfa_reset(client, "Lost phone; confirmed in session", actor=admin)
    client.refresh_from_db()
    assert reset.done_at and not client.mfa_enabled
    assert not TOTPDevice.objects.filter(user=client).exists()


@pytest.mark.django_db
def test_a_client_without_it_cannot_be_reset_and_staff_always_need_it():
    client = UserFactory()
    with pytest.raises(Exception, match="Only the clinic.s staff are managed here"):
        services.request_mfa_reset(client, "No reason at all, really", actor=None)
