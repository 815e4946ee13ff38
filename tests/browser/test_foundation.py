"""The foundation as people meet it, on a phone-sized screen."""

import pytest
from playwright.sync_api import expect

from between.accounts.models import User
from between.journal.models import Entry
from tests.browser.conftest import shot, sign_in, sign_in_clinician, via_more
from tests.conftest import sealed_reads, totp_now

pytestmark = pytest.mark.browser


def test_signed_out_visitor_reaches_samaritans_in_one_tap(app, phone):
    phone.goto(app.url + "/")
    phone.get_by_role("link", name="Get help now", exact=True).click()
    phone.wait_for_url("**/crisis")
    link = phone.get_by_role("link", name="Call 116 123")
    assert link.get_attribute("href") == "tel:116123"
    assert "not an emergency service" in phone.content()
    shot(phone, "crisis-signed-out")


def test_client_writes_shares_and_sees_who_read_it(app, phone, browser):
    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    expect(phone.get_by_role("heading", name="Hello, Alex Morgan")).to_be_visible()
    shot(phone, "client-home")

    via_more(phone, "Journal")
    phone.get_by_role("link", name="Write something").click()
    phone.get_by_label("Write whatever you need to").fill("Rough afternoon, better by tea time.")
    phone.get_by_label("Share this entry with my clinician").check()
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Saved. It's yours.")).to_be_visible()
    expect(phone.get_by_text("Rough afternoon, better by tea time.")).to_be_visible()
    shot(phone, "client-journal")
    client = User.objects.get(email="client@demo.between")
    entry = Entry.objects.filter(client=client).order_by("-created_at").first()
    assert entry.body == "Rough afternoon, better by tea time." and entry.shared

    # The clinician signs in with password and TOTP, on their own device.
    clinician = User.objects.get(email="clinician@demo.between")
    other = browser.new_context(viewport={"width": 390, "height": 844})
    cp = other.new_page()
    sign_in(cp, app.url, clinician.email)
    cp.wait_for_url("**/accounts/mfa/**")
    shot(cp, "clinician-mfa")
    cp.get_by_label("6-digit code from your authenticator app").fill(totp_now(clinician))
    cp.get_by_role("button", name="Continue").click()
    cp.get_by_role("link", name="Alex Morgan").click()
    cp.get_by_role("link", name="read shared entries").click()
    expect(cp.get_by_text("Rough afternoon, better by tea time.")).to_be_visible()
    assert not cp.get_by_text("Couldn't settle tonight").count(), "private entries stay private"
    shot(cp, "clinician-shared-journal")
    other.close()

    via_more(phone, "Who has seen my data")
    rows = phone.locator("table.log tbody tr")
    assert "Sam Rivera" in rows.first.inner_text()
    assert "Looked at your shared journal" in rows.first.inner_text()
    shot(phone, "client-who-has-seen")
    assert sealed_reads(subject_id=client.pk,
                                     target="journal").count() == 1


def test_client_turns_off_journal_sharing_and_it_is_gone_at_once(app, phone, browser):
    client = User.objects.get(email="client@demo.between")
    other = browser.new_context()
    cp = other.new_page()
    sign_in_clinician(cp, app.url)
    journal_url = f"{app.url}/care/clients/{client.pk}/journal/"
    assert cp.goto(journal_url).status == 200

    sign_in(phone, app.url, client.email)
    via_more(phone, "Sharing")
    phone.get_by_label("Journal entries I choose to share").uncheck()
    phone.get_by_role("button", name="Save what I share").click()
    expect(phone.get_by_text("sees exactly what is ticked")).to_be_visible()
    shot(phone, "client-sharing")

    assert cp.goto(journal_url).status == 404
    other.close()


def test_quick_exit_leaves_and_back_does_not_return(app, phone):
    phone.goto(app.url + "/crisis")
    phone.get_by_role("button", name="Quick exit").click()
    phone.wait_for_url("about:blank")
    phone.go_back()
    assert app.url not in phone.url


def test_pages_fit_a_phone_without_sideways_scrolling(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    for path in ("/", "/journal/", "/sharing/", "/privacy/seen/", "/settings/", "/crisis"):
        phone.goto(app.url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide"
