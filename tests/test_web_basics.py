import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import signed_in

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_security_headers_on_every_page(client):
    response = client.get("/crisis")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


@pytest.mark.django_db
def test_signed_in_pages_are_not_cached(client, client_user):
    assert "no-store" not in client.get("/crisis").get("Cache-Control", "")
    assert signed_in(client_user).get("/journal/")["Cache-Control"] == "no-store"
    assert signed_in(client_user).get("/api/me")["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_hsts_over_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    assert "max-age=31536000" in client.get("/crisis", secure=True)["Strict-Transport-Security"]
    assert "Strict-Transport-Security" not in client.get("/crisis")


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/crisis", "/accounts/login/"])
def test_every_page_has_help_and_quick_exit_and_no_external_assets(client, url, settings):
    html = client.get(url).content.decode()
    assert 'href="/crisis"' in html
    assert 'action="/exit/"' in html and "data-quick-exit" in html
    assert f'data-leave-to="{settings.QUICK_EXIT_URL}"' in html
    loaded = re.findall(r'<(?:link|script|img|iframe|source|audio|video)\b[^>]*'
                        r'(?:src|href)="(https?:)?//', html)
    assert loaded == [], "no resource is fetched from another site"
    assert "<style" not in html and "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline scripts"


@pytest.mark.django_db
def test_signed_in_pages_have_help_and_quick_exit(client_user):
    html = signed_in(client_user).get("/journal/").content.decode()
    assert 'href="/crisis"' in html and "data-quick-exit" in html


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    env = {
        **os.environ,
        "BETWEEN_DEBUG": "0",
        "BETWEEN_HTTPS": "1",
        "BETWEEN_SECRET_KEY": secrets.token_urlsafe(50),
        "BETWEEN_MASTER_KEY": "bWFzdGVyLWtleS1mb3ItY2hlY2stZGVwbG95LXRlc3QhIQ",
        "BETWEEN_AUDIT_KEY": secrets.token_urlsafe(40),
        "BETWEEN_VAPID_PRIVATE_KEY": "1xVXVB3ywdxsvn3Hp0uhXlQkSKK1SxYnKbx1PSmUzZI",
        "BETWEEN_ALLOWED_HOSTS": "between.example.org",
        "BETWEEN_EMAIL_HOST": "smtp.example.org",
        "BETWEEN_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "-m", "between", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_refuses_the_generated_development_master_key(tmp_path):
    env = {**os.environ, "BETWEEN_DEBUG": "0", "BETWEEN_HTTPS": "1",
           "BETWEEN_SECRET_KEY": secrets.token_urlsafe(50),
           "BETWEEN_ALLOWED_HOSTS": "between.example.org",
           "BETWEEN_EMAIL_HOST": "smtp.example.org", "BETWEEN_VAR_DIR": str(tmp_path)}
    env.pop("BETWEEN_MASTER_KEY", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    result = subprocess.run([sys.executable, "-m", "between", "check", "--deploy"],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "between.E002" in result.stderr + result.stdout


def test_quick_exit_can_leave_without_javascript():
    """Browsers hold a form's redirect to form-action: quick exit's origin must be in it."""
    from django.conf import settings

    from between.settings import origin_of

    assert origin_of(settings.QUICK_EXIT_URL)[0] in settings.SECURE_CSP["form-action"]
    assert origin_of("about:blank") == []
