import json

import pytest

from between.accounts.models import CareLink, User
from between.journal.models import Entry
from tests.conftest import signed_in
from tests.factories import UserFactory


def _send(http, method, url, body, **extra):
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return http.generic(method, url, raw, content_type="application/json", **extra)


@pytest.fixture
def user(db):
    return UserFactory(display_name="Before")


def _unchanged(user):
    user.refresh_from_db()
    assert user.display_name == "Before" and user.time_zone == "Europe/London"


def test_malformed_json_is_a_clear_4xx_and_saves_nothing(user):
    response = _send(signed_in(user), "PATCH", "/api/me", '{"display_name": "Af')
    assert response.status_code in (400, 422)
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]
    _unchanged(user)


def test_unknown_field_is_refused_by_name(user):
    response = _send(signed_in(user), "PATCH", "/api/me",
                     {"display_name": "After", "role": "admin"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "role"
    assert "role" in response.json()["message"]
    _unchanged(user)
    assert User.objects.get(pk=user.pk).role == "client"


def test_wrong_type_names_the_field(user):
    response = _send(signed_in(user), "PATCH", "/api/me", {"display_name": 42})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["display_name"]
    _unchanged(user)


def test_bad_time_zone_saves_nothing_at_all(user):
    response = _send(signed_in(user), "PATCH", "/api/me",
                     {"display_name": "After", "time_zone": "Mars/Olympus"})
    assert response.status_code == 422
    assert "time_zone" in response.json()["message"]
    _unchanged(user)


def test_valid_patch_saves(user):
    response = _send(signed_in(user), "PATCH", "/api/me",
                     {"display_name": "After", "time_zone": "America/Toronto"})
    assert response.status_code == 200 and response.json()["time_zone"] == "America/Toronto"
    user.refresh_from_db()
    assert (user.display_name, user.time_zone) == ("After", "America/Toronto")


def test_oversized_body_is_413_json_and_saves_nothing(user, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = _send(signed_in(user), "POST", "/api/journal", {"text": "x" * 20_000})
    assert response.status_code == 413
    assert response.json() == {"message": "The request body is too large."}
    assert not Entry.objects.exists()


def test_journal_text_over_the_limit_is_refused_by_name(user):
    response = _send(signed_in(user), "POST", "/api/journal", {"text": "x" * 20_001})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "text"
    assert not Entry.objects.exists()


def test_unknown_scope_is_refused_and_consent_unchanged(link):
    response = _send(signed_in(link.client), "PUT", f"/api/care-links/{link.pk}/scopes",
                     {"scopes": ["diary", "everything"]})
    assert response.status_code == 422
    assert "everything" in response.json()["message"]
    assert CareLink.objects.get(pk=link.pk).scopes() == ["diary", "safety_plan", "journal"]


def test_scopes_put_replaces_the_shared_set(link):
    response = _send(signed_in(link.client), "PUT", f"/api/care-links/{link.pk}/scopes",
                     {"scopes": ["measures"]})
    assert response.json()["scopes"] == ["measures"]
    assert CareLink.objects.get(pk=link.pk).scopes() == ["measures"]


def test_server_error_is_json_without_a_stack_trace(user, monkeypatch):
    def explode(u):
        raise RuntimeError("internal detail that must not leak")

    monkeypatch.setattr("between.accounts.api._me", explode)
    response = signed_in(user).get("/api/me")
    assert response.status_code == 500
    assert response.json() == {"message": "Something went wrong on our side."}
    assert b"internal detail" not in response.content and b"Traceback" not in response.content


def test_unknown_api_path_and_wrong_method_are_json(user):
    http = signed_in(user)
    missing = http.get("/api/no-such-thing")
    assert missing.status_code == 404 and missing.json() == {"message": "Not Found"}
    wrong_method = http.delete("/api/me")
    assert wrong_method.status_code == 405 and wrong_method.json()["message"]
