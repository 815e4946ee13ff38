import pytest
from django.core.management import call_command
from django.test import Client

from between.accounts.models import AccessToken
from between.audit.models import Action, AuditEvent
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory


def _bearer(client, secret, url="/api/me"):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.mark.django_db
def test_token_made_on_settings_page_is_shown_once_and_stored_hashed(client):
    user = UserFactory()
    http = signed_in(user)
    page = http.post("/settings/tokens/", {"name": "my script"}, follow=True)
    secret = page.context["new_token"]
    assert secret.startswith("btw_") and secret in page.content.decode()
    assert secret not in http.get("/settings/").content.decode()
    token = AccessToken.objects.get(user=user)
    assert token.digest == AccessToken.digest_of(secret) and secret not in token.digest
    assert _bearer(client, secret).json()["email"] == user.email
    assert AuditEvent.objects.filter(action=Action.TOKEN_CREATED, subject_id=user.pk).exists()


@pytest.mark.django_db
def test_revoked_token_stops_working(client):
    user = UserFactory()
    http = signed_in(user)
    secret = http.post("/settings/tokens/", {"name": "x"}, follow=True).context["new_token"]
    token = AccessToken.objects.get(user=user)
    http.post(f"/settings/tokens/{token.pk}/revoke/")
    response = _bearer(client, secret)
    assert response.status_code == 401 and "token" in response.json()["message"]


@pytest.mark.django_db
def test_unknown_token_is_refused(client):
    assert _bearer(client, "btw_made-up").status_code == 401


@pytest.mark.django_db
def test_cli_token_lets_a_clinician_use_the_api(client, capsys, link):
    call_command("token", "create", link.clinician.email)
    secret = capsys.readouterr().out.strip()
    response = _bearer(client, secret, f"/api/clients/{link.client_id}")
    assert response.status_code == 200
    assert response.json()["scopes"] == ["diary", "safety_plan", "journal"]


@pytest.mark.django_db
def test_clinician_cannot_reach_token_page_before_totp():
    http = signed_in(ClinicianFactory(), verified=False)
    assert http.post("/settings/tokens/", {"name": "x"})["Location"].startswith("/accounts/mfa/")
    assert not AccessToken.objects.exists()


@pytest.mark.django_db
def test_token_clients_can_write_without_any_browser_csrf_dance(client_user):
    from django.test import Client

    _, secret = __import__("between.accounts.services", fromlist=["x"]).create_token(
        client_user, "script")
    http = Client(enforce_csrf_checks=True)
    response = http.post("/api/journal", '{"text": "from a script"}',
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 201, response.content
    assert client_user.journal_entries.get().body == "from a script"


@pytest.mark.django_db
def test_session_writes_without_csrf_token_are_refused(client_user):
    from django.test import Client

    http = Client(enforce_csrf_checks=True)
    http.force_login(client_user)
    response = http.post("/api/journal", '{"text": "forged"}', content_type="application/json")
    assert response.status_code in (401, 403)
    assert not client_user.journal_entries.exists()


@pytest.mark.django_db
def test_changing_the_password_stops_tokens_and_other_sessions(client_user):
    from between.accounts.models import AccessToken
    from between.accounts.services import create_token

    client_user.set_password("an old long passphrase 1")
    client_user.save()
    _, secret = create_token(client_user, "phone app")
    elsewhere = signed_in(client_user)
    here = signed_in(client_user)
    response = here.post("/settings/password/", {
        "old_password": "an old long passphrase 1",
        "new_password1": "a brand new long passphrase 2",
        "new_password2": "a brand new long passphrase 2"}, follow=True)
    assert "signed out everywhere else" in response.content.decode()
    assert AccessToken.objects.get().revoked_at is not None
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    assert here.get("/journal/").status_code == 200, "this session carries on"
    assert elsewhere.get("/journal/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_sign_out_everywhere_ends_every_session_and_token(client_user):
    from between.accounts.models import AccessToken
    from between.accounts.services import create_token
    from between.audit.models import Action, AuditEvent

    _, secret = create_token(client_user, "phone app")
    elsewhere = signed_in(client_user)
    here = signed_in(client_user)
    response = here.post("/settings/sign-out-everywhere/")
    assert response["Location"] == "/accounts/login/"
    assert response["Clear-Site-Data"] == '"cache", "cookies"'
    assert AccessToken.objects.get().revoked_at is not None
    assert Client().get("/api/me", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401
    for session in (here, elsewhere):
        assert session.get("/journal/")["Location"].startswith("/accounts/login/")
    assert AuditEvent.objects.filter(action=Action.SIGNED_OUT_EVERYWHERE).count() == 1
