"""Browser tests: Playwright driving Debian's chromium, never a downloaded browser."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between page actions are ordinary blocking calls, which is fine here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = _chromium()
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("BETWEEN_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{message}, and BETWEEN_REQUIRE_BROWSER=1 makes that a failure.")
        pytest.skip(f"{message}; skipping browser tests.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=path,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def app(live_server, committed_db, settings):
    """The live site with demo data, as `make run` serves it."""
    from django.core.management import call_command

    call_command("demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    settings.QUICK_EXIT_URL = "about:blank"
    return live_server


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                                  has_touch=True, locale="en-GB")
    page = context.new_page()
    yield page
    context.close()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(page, base: str, email: str, password: str = "between-demo") -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in_clinician(page, base: str, email: str = "clinician@demo.between") -> None:
    """Password, then the TOTP code from the demo clinician's authenticator."""
    from between.accounts.models import User
    from tests.conftest import totp_now

    sign_in(page, base, email)
    page.get_by_label("6-digit code from your authenticator app").fill(
        totp_now(User.objects.get(email=email)))
    page.get_by_role("button", name="Continue").click()


def via_more(page, name: str) -> None:
    """Reach a page that lives under More in the client's tab bar."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="More").click()
    page.wait_for_url("**/more/")
    page.locator(".more-list").get_by_role("link", name=name).click()


def outside_check_in_times(email: str = "clinician@demo.between") -> None:
    """Move the demo clinician's check-in times to the day after tomorrow, so whatever
    time the suite runs, a client writing now is out of hours."""
    from datetime import timedelta

    from django.utils import timezone

    from between.care.models import ContactPolicy

    later = (timezone.now() + timedelta(days=2)).weekday()
    ContactPolicy.objects.filter(clinician__email=email).update(
        time_zone="Europe/London", windows=[{"weekday": later, "start": "09:00", "end": "10:00"}])
