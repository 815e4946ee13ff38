import json

import pytest

from between.accounts.models import CareLink, User
from between.api import api
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
    assert response.json() == {
        "message": "The request body is too large: at most 10,000 bytes.",
        "errors": [{"field": "body", "message": "is larger than 10,000 bytes"}]}
    assert not Entry.objects.exists()
    # The rest of the body was read, so a client still sending gets this answer rather than
    # a reset connection (make verify sends 10 MB through gunicorn to check it end to end).
    stream = response.wsgi_request._stream
    assert stream._pos == stream.limit


@pytest.mark.parametrize("body", [b'{"text": "unfinished', b'{"text": "\xff\xfe"}',
                                  b"[" * 100_000, b"\x00"])
def test_an_unreadable_body_is_400_naming_the_body_and_saves_nothing(user, body):
    response = signed_in(user).generic("POST", "/api/journal", body,
                                       content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "body", "message": "is not valid JSON"}]
    assert not Entry.objects.exists()


@pytest.mark.parametrize("shared", [0, 1, "yes", "true", None])
def test_sharing_is_chosen_with_true_or_false_only(user, shared):
    response = _send(signed_in(user), "POST", "/api/journal", {"text": "mine", "shared": shared})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "shared"
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
    # It says which methods would do (RFC 9110).
    assert set(wrong_method["Allow"].split(", ")) == {"GET", "PATCH"}


@pytest.mark.django_db
@pytest.mark.parametrize("body,field", [
    ('{"sleep_hours": NaN}', "sleep_hours"),
    ('{"sleep_hours": Infinity}', "sleep_hours"),
    ('{"sleep_hours": -1}', "sleep_hours"),
    ('{"behaviours": {"self_harm": {"done": true, "amount": -Infinity}}}', "amount"),
    ('{"behaviours": {"self_harm": {"done": true, "amount": NaN}}}', "amount"),
])
def test_numbers_that_are_not_numbers_get_a_4xx_naming_the_field(client_user, body, field):
    from between.diary.models import Card
    from between.safety.services import client_today

    response = signed_in(client_user).put(f"/api/diary/cards/{client_today(client_user)}",
                                          body, content_type="application/json")
    assert response.status_code == 422, response.content
    assert field in response.content.decode()
    assert not Card.objects.exists(), "nothing partly saved"


@pytest.mark.django_db
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "2026-02-30", "1-1-1"])
def test_dates_far_outside_the_card_window_get_a_4xx(client_user, day):
    response = signed_in(client_user).put(f"/api/diary/cards/{day}", "{}",
                                          content_type="application/json")
    assert 400 <= response.status_code < 500, (day, response.status_code)


@pytest.mark.django_db
def test_closing_a_flag_raised_by_a_message_works(link):
    from between.care import messaging
    from between.care.models import Flag

    messaging.send_message(link.client, link.clinician, "I want to kill myself tonight")
    flag = Flag.objects.get(source="message")
    response = signed_in(link.clinician).post(f"/care/flags/{flag.pk}/", {"done": ["called"]})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.acknowledged_at is not None


@pytest.mark.django_db
def test_an_api_post_repeated_with_its_idempotency_key_is_done_once(client_user):
    from django.test import Client

    from between.accounts.services import create_token

    _, secret = create_token(client_user, "phone app")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    body = json.dumps({"text": "Evening walk helped.", "shared": False})
    first = api.post("/api/journal", body, content_type="application/json",
                     HTTP_IDEMPOTENCY_KEY="walk-2026-11-30")
    again = api.post("/api/journal", body, content_type="application/json",
                     HTTP_IDEMPOTENCY_KEY="walk-2026-11-30")
    assert first.status_code == again.status_code == 201
    assert again.json()["replayed"] is True and again.json()["id"] == first.json()["id"]
    assert "Evening walk" not in again.content.decode(), "replays never store the words"
    assert Entry.objects.count() == 1
    other = api.post("/api/journal", body, content_type="application/json",
                     HTTP_IDEMPOTENCY_KEY="another")
    assert other.status_code == 201 and Entry.objects.count() == 2


@pytest.mark.django_db
def test_a_failed_attempt_gives_its_idempotency_key_back(client_user):
    from django.test import Client

    from between.accounts.services import create_token

    _, secret = create_token(client_user, "phone app")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    bad = api.post("/api/journal", json.dumps({"text": 5}), content_type="application/json",
                   HTTP_IDEMPOTENCY_KEY="k1")
    assert bad.status_code == 422
    good = api.post("/api/journal", json.dumps({"text": "Fixed."}),
                    content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1")
    assert good.status_code == 201 and Entry.objects.get().body == "Fixed."
    long = api.post("/api/journal", json.dumps({"text": "x"}), content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY="k" * 201)
    assert long.status_code == 400 and "Idempotency-Key" in long.json()["message"]


def test_every_operation_declares_the_errors_it_can_answer():
    """Clients (and `make verify`'s fuzzer) read the schema to know what can come back."""
    schema = api.get_openapi_schema()
    assert "ErrorOut" in schema["components"]["schemas"]
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            declared = set(op["responses"])
            assert "404" in declared, (method, path)
            if op.get("security"):
                assert {"401", "403"} <= declared, (method, path)
            if op.get("requestBody"):
                assert {"400", "413", "422"} <= declared, (method, path)


def test_a_json_body_labelled_multipart_is_read_as_json_not_refused_as_html(user):
    """No middleware parses an API body as a form: a boundary-less multipart label used to
    fail there, as an HTML 400 page, before the API could answer."""
    response = signed_in(user).generic("POST", "/api/journal", b'{"text": "still mine"}',
                                       content_type="multipart/form-data")
    assert response.status_code == 201
    assert Entry.objects.get().body == "still mine"


def test_an_error_a_middleware_answers_for_the_api_is_json(user, monkeypatch):
    def refuse(request):
        from django.core.exceptions import SuspiciousOperation

        raise SuspiciousOperation("a header nobody should send")

    monkeypatch.setattr("between.accounts.middleware._is_api", refuse)
    response = _send(signed_in(user), "POST", "/api/journal", {"text": "x"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"message": "Bad Request"}
