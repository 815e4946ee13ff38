"""A whole number bigger than the database holds, wherever a URL, query or body takes one.

PostgreSQL and SQLite keep ids in 64 bits; 2**64 used to reach the database and answer
500. Routes are found from the URL conf and the OpenAPI schema, so a new one is covered
without anyone remembering it.
"""

import json
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from between.api import api
from between.lib.ids import MAX_ID, parse_id
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory, UserFactory

HUGE = str(2**64)
NOT_INT = {"uuid": str(uuid.UUID(int=0)), "str": "2026-01-05", "slug": "phq9", "path": "x"}


def _patterns(resolver, prefix=()):
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, (*prefix, p.pattern))
        elif isinstance(p, URLPattern):
            yield (*prefix, p.pattern)


def _web_routes_taking_numbers() -> list[str]:
    """Each non-API route with a whole-number part, that part set to HUGE."""
    found = []
    for patterns in _patterns(get_resolver()):
        text = "".join(str(p) for p in patterns)
        if text.startswith("api/"):
            continue
        converters = {}
        for p in patterns:
            converters |= getattr(p, "converters", {})
        numbers = [name for name, c in converters.items() if c.regex == "[0-9]+"]
        if not numbers:
            continue

        def fill(m, numbers=numbers):
            kind, name = m.group(1) or "str", m.group(2)
            return HUGE if name in numbers else NOT_INT.get(kind, "x")

        found.append("/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, text))
    return found


WEB = _web_routes_taking_numbers()


def test_the_web_routes_are_found():
    assert len(WEB) >= 40
    assert f"/care/clients/{HUGE}/diary/" in WEB


@pytest.fixture
def people(db):
    return {"client": signed_in(UserFactory()), "clinician": signed_in(ClinicianFactory()),
            "admin": signed_in(AdminFactory())}


@pytest.mark.parametrize("url", WEB)
def test_a_huge_number_in_a_page_address_is_not_found(people, url):
    for http in people.values():
        assert http.get(url).status_code == 404, url
        assert http.post(url, {"body": "x"}).status_code == 404, url


def _api_operations():
    for path, ops in api.get_openapi_schema()["paths"].items():
        for method, op in ops.items():
            numbers = [p["name"] for p in op.get("parameters", [])
                       if p["in"] == "path" and p["schema"].get("type") == "integer"]
            if numbers:
                yield method.upper(), path, numbers


API = sorted(_api_operations())


def test_the_api_routes_are_found():
    assert ("GET", "/api/clients/{client_id}/journal", ["client_id"]) in API


@pytest.mark.parametrize("method,path,numbers", API)
def test_a_huge_number_in_an_api_path_names_the_field(people, method, path, numbers):
    url = re.sub(r"{(\w+)}", lambda m: HUGE if m.group(1) in numbers else "x", path)
    for http in people.values():
        response = http.generic(method, url, "{}", content_type="application/json")
        assert response.status_code == 422, (method, url, response.content)
        fields = {e["field"] for e in response.json()["errors"]}
        assert set(numbers) <= fields


def _body_numbers():
    """Each API operation whose JSON body has whole-number fields, with their names."""
    schema = api.get_openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref", "")
            props = components.get(ref.rsplit("/", 1)[-1], {}).get("properties", {})
            numbers = [name for name, p in props.items() if p.get("type") == "integer"]
            if numbers:
                yield method.upper(), path, numbers


BODIES = sorted(_body_numbers())


def test_the_api_bodies_with_ids_are_found():
    assert ("POST", "/api/messages", ["clinician_id"]) in BODIES


@pytest.mark.parametrize("method,path,numbers", BODIES)
def test_a_huge_number_in_an_api_body_names_the_field(people, method, path, numbers):
    url = re.sub(r"{\w+}", "1", path)
    body = json.dumps({name: 2**64 for name in numbers})
    for http in people.values():
        response = http.generic(method, url, body, content_type="application/json")
        assert response.status_code in (404, 422), (method, url, response.content)
        if response.status_code == 422:
            fields = {e["field"] for e in response.json()["errors"]}
            assert set(numbers) <= fields, (method, url, fields)


@pytest.mark.django_db
def test_a_huge_session_in_the_notes_query_preselects_nothing(clinician):
    from between.accounts.services import link_client

    client = UserFactory()
    link_client(client, clinician)
    page = signed_in(clinician).get(f"/care/clients/{client.pk}/notes/?session={HUGE}")
    assert page.status_code == 200
    assert page.context["form"].initial.get("session") is None


def test_parse_id_takes_only_what_a_64_bit_column_holds():
    assert parse_id(str(MAX_ID)) == MAX_ID
    assert parse_id("0") == 0
    assert parse_id("17") == 17
    for bad in (str(MAX_ID + 1), HUGE, "", "-1", "1.5", " 1", "²", "١٢", "abc", None, 5):
        assert parse_id(bad) is None, bad
