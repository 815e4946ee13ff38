import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from tests.conftest import signed_in


@pytest.mark.django_db
def test_crisis_page_needs_no_login_and_has_working_links(client):
    response = client.get("/crisis", HTTP_ACCEPT_LANGUAGE="en-GB")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:116123"' in html and "Call 116 123" in html
    assert 'href="sms:85258?&amp;body=SHOUT"' in html
    assert 'href="tel:999"' in html
    assert "not an emergency service" in html and "nobody watches it in real time" in html
    assert "Accept-Language" not in response["Vary"], "the language never picks the lines"


@pytest.mark.django_db
def test_choosing_a_country_is_one_tap_and_is_remembered(client):
    html = client.get("/crisis", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert 'href="?country=US"' in html
    chosen = client.get("/crisis?country=US", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert 'href="tel:988"' in chosen.content.decode()
    assert chosen.cookies["between_country"].value == "US"
    later = client.get("/crisis", HTTP_ACCEPT_LANGUAGE="en-GB").content.decode()
    assert 'href="tel:988"' in later and 'href="tel:911"' in later


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["?country=ZZ", "?country=<script>", "?country="])
def test_nonsense_in_the_choice_is_ignored_and_the_page_is_never_empty(client, query):
    response = client.get("/crisis" + query, HTTP_ACCEPT_LANGUAGE="de-DE")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="tel:116123"' in html, "this installation's country, not the browser's"
    assert "findahelpline.com" in html
    assert "<script>" not in html.split("</head>")[1].replace('<script src=', '')
    assert "between_country" not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["FR", "DE", "OTHER"])
def test_a_country_without_helplines_never_offers_another_countrys_number(client, code):
    html = client.get(f"/crisis?country={code}").content.decode()
    main = html.split('<main id="main"')[1]
    first_call = re.search(r'class="button call" href="([^"]+)"', main).group(1)
    if code == "OTHER":
        assert first_call == "https://findahelpline.com"
        assert "call your local emergency number" in main.lower()
    else:
        assert first_call == "tel:112", "the local emergency number leads"
        assert 'href="https://findahelpline.com" rel="noreferrer">Find a helpline' in main
    for number in ("tel:999", "tel:911", "tel:116123", "tel:988", "tel:000", "tel:111"):
        assert number not in main, number


@pytest.mark.django_db
def test_a_client_without_a_country_is_asked_once_and_the_answer_sticks(client_user):
    http = signed_in(client_user)
    page = http.get("/crisis", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    assert "Which country are you in?" in page
    assert 'href="tel:116123"' in page and 'href="tel:988"' not in page
    response = http.post("/settings/country/", {"country": "US", "next": "/crisis"})
    assert response["Location"] == "/crisis"
    client_user.refresh_from_db()
    assert client_user.country == "US"
    page = http.get("/crisis").content.decode()
    assert "Which country are you in?" not in page
    assert "This is the country in your settings." in page
    assert 'href="tel:988"' in page
    assert http.post("/settings/country/", {"country": "XX"}).status_code == 302
    client_user.refresh_from_db()
    assert client_user.country == "US", "a bad choice changes nothing"



@pytest.mark.django_db
def test_crisis_page_total_transfer_is_small(client):
    html = client.get("/crisis", HTTP_ACCEPT_LANGUAGE="en-GB").content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+)"', html)
    sizes = [len(html)] + [Path(finders.find(a.decode())).stat().st_size for a in assets]
    assert len(assets) >= 2, "the stylesheet and script were counted"
    assert sum(sizes) <= 60 * 1024, f"{sum(sizes)} bytes"


@pytest.mark.django_db
def test_signed_in_client_gets_their_plan_and_crisis_mode_from_the_crisis_page(client_user):
    html = signed_in(client_user).get("/crisis").content.decode()
    assert 'href="/crisis-mode/"' in html


@pytest.mark.django_db
def test_every_client_page_offers_im_struggling_now(client_user):
    for url in ("/", "/journal/", "/safety-plan/", "/settings/"):
        html = signed_in(client_user).get(url).content.decode()
        assert 'href="/crisis-mode/"' in html and "I'm struggling now" in html, url


@pytest.mark.django_db
def test_service_worker_is_served_from_the_root_scope(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert b'"/crisis"' in response.content
