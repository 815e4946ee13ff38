import re

import pytest
from django.core.management import CommandError, call_command

import between.settings as production_settings
from between.accounts.models import User
from between.audit.models import Action, AuditEvent
from tests.factories import PASSWORD, UserFactory

GENERIC = "That email and password don&#x27;t match"


def _login(client, email, password):
    return client.post("/accounts/login/", {"username": email, "password": password})


def test_passwords_are_hashed_with_argon2_outside_tests():
    assert "Argon2" in production_settings.PASSWORD_HASHERS[0]
    names = [v["NAME"] for v in production_settings.AUTH_PASSWORD_VALIDATORS]
    assert any("CommonPasswordValidator" in n for n in names)


@pytest.mark.django_db
def test_login_with_right_password_signs_in_and_is_audited(client):
    user = UserFactory()
    response = _login(client, user.email.upper(), PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").context["user"] == user
    assert AuditEvent.objects.filter(action=Action.LOGIN, subject_id=user.pk).count() == 1


@pytest.mark.django_db
def test_login_error_is_the_same_for_unknown_email_and_wrong_password(client):
    user = UserFactory()
    wrong_password = _login(client, user.email, "not it at all")
    unknown_email = _login(client, "nobody@example.org", "not it at all")
    assert wrong_password.status_code == unknown_email.status_code == 200
    assert GENERIC in wrong_password.content.decode()
    assert GENERIC in unknown_email.content.decode()
    failed = AuditEvent.objects.filter(action=Action.LOGIN_FAILED)
    assert failed.count() == 2
    assert set(failed.values_list("subject_id", flat=True)) == {user.pk, None}


@pytest.mark.django_db
def test_lockout_after_five_failures_even_with_the_right_password(client):
    user = UserFactory()
    for _ in range(5):
        _login(client, user.email, "wrong guess")
    response = _login(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert "Too many tries" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_lockout_looks_the_same_for_an_account_that_does_not_exist(client):
    user = UserFactory()
    for email in (user.email, "ghost@example.org"):
        for _ in range(5):
            _login(client, email, "wrong guess")
    real = _login(client, user.email, "wrong guess")
    ghost = _login(client, "ghost@example.org", "wrong guess")
    assert real.status_code == ghost.status_code == 429
    def page(response, email):
        html = response.content.decode().replace(email, "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page(real, user.email) == page(ghost, "ghost@example.org")


@pytest.mark.django_db
def test_adduser_rejects_a_common_password(monkeypatch):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("password123\n"))
    with pytest.raises(CommandError, match="too common"):
        call_command("adduser", "new@example.org", "--name", "New", "--password-stdin")
    assert not User.objects.filter(email="new@example.org").exists()


@pytest.mark.django_db
def test_adduser_creates_a_clinician_in_a_clinic(monkeypatch):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("a-sturdy-passphrase-41\n"))
    call_command("adduser", "Dr@Example.org", "--name", "Dr K", "--role", "clinician",
                 "--clinic", "Riverside", "--password-stdin")
    user = User.objects.get(email="dr@example.org")
    assert user.is_clinician and user.clinic.name == "Riverside"
    assert user.check_password("a-sturdy-passphrase-41")
