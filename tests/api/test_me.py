import pytest

from tests.conftest import signed_in
from tests.factories import ClinicianFactory


@pytest.mark.django_db
def test_me_returns_the_signed_in_person(client_user):
    body = signed_in(client_user).get("/api/me").json()
    assert body == {"id": client_user.pk, "email": client_user.email,
                    "display_name": client_user.display_name, "role": "client",
                    "time_zone": "Europe/London", "clinic": None}


@pytest.mark.django_db
def test_me_for_anonymous_is_json_401(client):
    response = client.get("/api/me")
    assert response.status_code == 401 and response.json()["message"]


@pytest.mark.django_db
def test_openapi_schema_lists_the_api(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "Between API"
    assert {"/api/me", "/api/care-links", "/api/journal"} <= set(schema["paths"])


@pytest.mark.django_db
def test_session_writes_need_csrf():
    from django.test import Client

    clinician = ClinicianFactory()
    http = Client(enforce_csrf_checks=True)
    http.force_login(clinician)
    response = http.patch("/api/me", '{"display_name": "x"}', content_type="application/json")
    assert response.status_code in (401, 403)
