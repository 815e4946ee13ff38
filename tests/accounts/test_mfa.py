import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.audit.models import Action, AuditEvent
from tests.conftest import sealed_reads, signed_in, totp_now
from tests.factories import PASSWORD, ClinicianFactory, UserFactory


@pytest.mark.django_db
def test_clinician_with_password_only_reaches_no_client_data(client, link):
    clinician = link.clinician
    client.post("/accounts/login/", {"username": clinician.email, "password": PASSWORD})
    for url in ("/care/", f"/care/clients/{link.client_id}/",
                f"/care/clients/{link.client_id}/journal/", "/settings/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/mfa/")
    api = client.get(f"/api/clients/{link.client_id}")
    assert api.status_code == 403 and "Two-step" in api.json()["message"]
    assert not sealed_reads().exists()


@pytest.mark.django_db
def test_clinician_passes_totp_then_sees_caseload(client, link):
    clinician = link.clinician
    client.post("/accounts/login/", {"username": clinician.email, "password": PASSWORD})
    right = client.post("/accounts/mfa/?next=/care/", {"token": totp_now(clinician)})
    assert right["Location"] == "/care/"
    page = client.get("/care/")
    assert link.client.display_name in page.content.decode()


@pytest.mark.django_db
def test_wrong_totp_code_is_refused_then_throttled(client, link):
    clinician = link.clinician
    client.post("/accounts/login/", {"username": clinician.email, "password": PASSWORD})
    wrong = client.post("/accounts/mfa/", {"token": "000000"})
    assert "didn&#x27;t work" in wrong.content.decode()
    too_soon = client.post("/accounts/mfa/", {"token": totp_now(clinician)})
    assert "Wait a few seconds" in too_soon.content.decode()
    assert client.get("/care/")["Location"].startswith("/accounts/mfa/")


@pytest.mark.django_db
def test_mfa_next_parameter_cannot_send_people_off_site(client):
    clinician = ClinicianFactory()
    client.post("/accounts/login/", {"username": clinician.email, "password": PASSWORD})
    response = client.post("/accounts/mfa/?next=https://evil.example/",
                           {"token": totp_now(clinician)})
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_new_clinician_enrols_an_authenticator(client):
    clinician = ClinicianFactory(totp=False)
    TOTPDevice.objects.filter(user=clinician).delete()
    client.post("/accounts/login/", {"username": clinician.email, "password": PASSWORD})
    assert client.get("/accounts/mfa/")["Location"].startswith("/accounts/mfa/setup/")
    page = client.get("/accounts/mfa/setup/")
    html = page.content.decode()
    assert "<svg" in html and page.context["secret"] in html
    device = TOTPDevice.objects.get(user=clinician, confirmed=False)
    code = f"{totp(device.bin_key):06d}"
    client.post("/accounts/mfa/setup/", {"token": code})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/care/").status_code == 200
    assert AuditEvent.objects.filter(action=Action.MFA_ENABLED, subject_id=clinician.pk).exists()


@pytest.mark.django_db
def test_clients_do_not_need_totp():
    user = UserFactory()
    assert signed_in(user).get("/journal/").status_code == 200


@pytest.mark.django_db
def test_failed_codes_are_audited_and_five_pause_two_step_sign_in(client, link):
    from datetime import timedelta

    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from between.audit.models import Action, AuditEvent

    clinician = link.clinician
    client.post("/accounts/login/", {"username": clinician.email, "password": PASSWORD})
    device = TOTPDevice.objects.get(user=clinician)
    client.post("/accounts/mfa/", {"token": "000000"})
    assert AuditEvent.objects.filter(action=Action.MFA_FAILED, actor_id=clinician.pk).count() == 1
    device.refresh_from_db()
    device.throttling_failure_count = 5
    device.throttling_failure_timestamp = timezone.now() - timedelta(minutes=1)
    device.save()
    paused = client.post("/accounts/mfa/", {"token": totp_now(clinician)})
    assert paused.status_code == 429
    assert "paused for 15 minutes" in paused.content.decode()
    assert client.get("/care/")["Location"].startswith("/accounts/mfa/"), \
        "even the right code waits out the pause"
    device.throttling_failure_timestamp = timezone.now() - timedelta(minutes=16)
    device.save()
    assert client.post("/accounts/mfa/", {"token": totp_now(clinician)}).status_code == 302


@pytest.mark.django_db
def test_the_session_id_changes_after_the_second_step(client, link):
    clinician = link.clinician
    client.post("/accounts/login/", {"username": clinician.email, "password": PASSWORD})
    before = client.cookies["sessionid"].value
    client.post("/accounts/mfa/", {"token": totp_now(clinician)})
    assert client.cookies["sessionid"].value != before
    assert client.get("/care/").status_code == 200
