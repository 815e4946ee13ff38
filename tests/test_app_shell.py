"""What surrounds every page: friendly errors, the manifest and icons."""

import json
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from django.test import Client

from tests.conftest import signed_in
from tests.factories import UserFactory


def text(response) -> str:
    return unescape(response.content.decode())


@pytest.mark.django_db
def test_a_mistyped_address_under_debug_is_a_calm_page_not_the_route_list(settings):
    settings.DEBUG = True
    response = Client().get("/diarry/")
    page = text(response)
    assert response.status_code == 404
    assert "We couldn't find that page" in page and "Quick exit" in page
    assert "Get help now" in page
    assert "URL patterns" not in page and "urlpatterns" not in page


@pytest.mark.django_db
def test_a_view_404_under_debug_is_calm_too_and_developers_can_opt_back_in(settings):
    settings.DEBUG = True
    http = signed_in(UserFactory())
    page = text(http.get("/journal/00000000-0000-0000-0000-000000000000/"))
    assert "We couldn't find that page" in page and "Raised by" not in page
    settings.DEBUG_PAGES = True
    assert "URL patterns" in text(Client().get("/diarry/"))


@pytest.mark.django_db
def test_a_lost_csrf_cookie_says_what_to_do_and_that_nothing_was_saved():
    client = UserFactory()
    http = Client(enforce_csrf_checks=True)
    http.force_login(client)
    response = http.post("/journal/new/", {"body": "words"})
    page = text(response)
    assert response.status_code == 403
    assert "Please try that again" in page and "Nothing was saved from that tap" in page
    assert "Get help now" in page


def test_the_server_error_page_offers_help_and_quick_exit():
    from pathlib import Path

    page = (Path(__file__).resolve().parents[1] / "between" / "templates" / "500.html") \
        .read_text()
    assert 'href="/crisis"' in page and 'action="/exit/"' in page


@pytest.mark.django_db
def test_the_manifest_makes_between_installable():
    response = Client().get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
    page = text(Client().get("/"))
    assert 'rel="manifest"' in page and 'rel="icon"' in page and 'name="theme-color"' in page
    assert Client().get("/favicon.ico")["Location"].endswith("icon-192.png")
