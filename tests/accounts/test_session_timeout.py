import time

import pytest
from django.contrib.sessions.models import Session

from between.accounts.models import Draft
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory


def _age(http, *, idle: float, since_start: float | None = None):
    session = http.session
    now = time.time()
    session["last_seen"] = now - idle
    session["started_at"] = now - (since_start if since_start is not None else idle)
    session.save()


@pytest.mark.django_db
@pytest.mark.parametrize("factory,url,idle_minutes,signed_out", [
    (UserFactory, "/journal/", 29, False),
    (UserFactory, "/journal/", 31, True),
    (ClinicianFactory, "/care/", 14, False),
    (ClinicianFactory, "/care/", 16, True),
])
def test_idle_session_ends_by_role(factory, url, idle_minutes, signed_out):
    http = signed_in(factory())
    _age(http, idle=idle_minutes * 60)
    response = http.get(url)
    if signed_out:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert "_auth_user_id" not in http.session
    else:
        assert response.status_code == 200


@pytest.mark.django_db
def test_session_ends_after_twelve_hours_however_active():
    http = signed_in(UserFactory())
    _age(http, idle=10, since_start=12 * 3600 + 60)
    assert http.get("/journal/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_health_check_neither_ends_nor_keeps_alive_a_session():
    # Crisis mode asks /healthz whether Between can be reached just before it sends a
    # form: that look must not sign the person out first (the form's words would then
    # arrive with no session to keep them as a draft), nor count as their activity.
    person = UserFactory()
    http = signed_in(person)
    _age(http, idle=31 * 60)
    assert http.head("/healthz").status_code == 200
    assert "_auth_user_id" in http.session, "still there for the form to end and keep"
    assert time.time() - http.session["last_seen"] > 30 * 60, "not activity"
    response = http.post("/journal/new/", {"body": "what I was writing"})
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in http.session
    assert Draft.objects.get(client=person, path="/journal/new/"), "kept for after signing in"


@pytest.mark.django_db
def test_idle_api_session_gets_json_401():
    http = signed_in(UserFactory())
    _age(http, idle=31 * 60)
    response = http.get("/api/me")
    assert response.status_code == 401 and "session ended" in response.json()["message"]


@pytest.mark.django_db
def test_logout_deletes_the_server_session():
    http = signed_in(UserFactory())
    key = http.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    http.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert http.get("/journal/")["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_logout_needs_post():
    http = signed_in(UserFactory())
    assert http.get("/accounts/logout/").status_code == 405
