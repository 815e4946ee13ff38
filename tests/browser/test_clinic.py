"""A clinic that runs itself, walked in a real browser: an administrator's morning, and a
client writing something urgent out of hours."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from between.accounts.models import CareLink, User
from between.audit.models import Action, AuditEvent
from between.care.messaging import send_emails
from between.care.models import UrgentAlert
from between.clinic.models import Handover
from tests.browser.conftest import (
    PHONE,
    outside_check_in_times,
    shot,
    sign_in,
    sign_in_clinician,
)

pytestmark = pytest.mark.browser

ADMIN, CLIENT = "admin@demo.between", "client@demo.between"


def _context(browser):
    return browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                               has_touch=True, locale="en-GB")


def _person_page(page, base, email):
    page.goto(f"{base}/manage/people/{User.objects.get(email=email).pk}/")


def test_an_administrators_morning(app, phone, browser):
    base = app.url
    sign_in_clinician(phone, base, ADMIN)
    expect(phone.get_by_role("heading", name="Overview")).to_be_visible()
    phone.get_by_role("link", name="People", exact=True).click()

    # Invite a clinician, who signs up with a second factor in their own browser.
    phone.get_by_label("Their email").fill("nia@clinic.example")
    phone.get_by_role("button", name="Send the invitation").click()
    expect(phone.get_by_text("Invitation sent to nia@clinic.example")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], \
        "nothing scrolls sideways on a phone"
    shot(phone, "admin-people")
    send_emails()
    link = re.search(r"/join/[\w-]+/", mail.outbox[-1].body).group()
    newcomer = _context(browser)
    nia = newcomer.new_page()
    nia.goto(base + link)
    nia.get_by_label("Your name, as clients and colleagues know it").fill("Nia Okafor")
    nia.get_by_label("Choose a password").fill("a-long-test-password-9")
    nia.get_by_role("button", name="Make my account").click()
    expect(nia.get_by_text("Type the 6-digit code the app now shows.")).to_be_visible()
    device = TOTPDevice.objects.get(user__email="nia@clinic.example", confirmed=False)
    nia.get_by_label("6-digit code from your authenticator app").fill(
        f"{totp(device.bin_key):06d}")
    nia.get_by_role("button").last.click()
    expect(nia.get_by_role("heading", name="Your clients")).to_be_visible()

    # Deactivate her: her open session ends at once.
    _person_page(phone, base, "nia@clinic.example")
    phone.get_by_role("button", name="Deactivate Nia Okafor").click()
    expect(phone.get_by_text("Nia Okafor is deactivated.")).to_be_visible()
    nia.goto(f"{base}/care/")
    expect(nia.get_by_label("Password")).to_be_visible()
    assert "/accounts/login/" in nia.url
    newcomer.close()

    # Reactivate, then reset her lost second factor, with a reason.
    phone.get_by_role("button", name="Reactivate Nia Okafor").click()
    phone.get_by_label("Why (kept in the audit log)").fill("Lost phone; confirmed by call")
    phone.get_by_role("button", name="Reset their second factor").click()
    expect(phone.get_by_text("sets up two-step sign-in again when they next sign in")) \
        .to_be_visible()
    assert not TOTPDevice.objects.filter(user__email="nia@clinic.example").exists()

    # Hand a client to her; nothing changes until the client agrees, in their own browser.
    phone.goto(f"{base}/manage/people/")
    phone.locator("li", has_text="Alex Morgan").get_by_role(
        "link", name="Change their care team").click()
    phone.get_by_label("Hand them over to another clinician").check()
    phone.locator("#id_to_clinician").select_option(label="Nia Okafor")
    phone.get_by_label("Moving from (for a hand-over)").select_option(label="Sam Rivera")
    phone.get_by_role("button", name="Suggest this to them").click()
    expect(phone.get_by_text("nothing changes until they agree")).to_be_visible()
    client = User.objects.get(email=CLIENT)
    assert not CareLink.objects.filter(client=client, clinician__email="nia@clinic.example")
    alex_context = _context(browser)
    alex = alex_context.new_page()
    sign_in(alex, base, CLIENT)
    alex.get_by_role("link", name="Your clinic suggests a change to your care team").click()
    expect(alex.get_by_text("Nia Okafor takes over from Sam Rivera")).to_be_visible()
    shot(alex, "client-handover")
    alex.get_by_role("button", name="Yes, I agree").click()
    expect(alex.get_by_text("You're now working with Nia Okafor")).to_be_visible()
    alex_context.close()
    link = CareLink.objects.active().get(client=client, clinician__email="nia@clinic.example")
    assert "journal" in link.scopes()
    assert not CareLink.objects.active().filter(client=client,
                                                clinician__email="clinician@demo.between")
    assert Handover.objects.get().agreed is True

    # Set the out-of-hours route.
    phone.goto(f"{base}/manage/")
    phone.get_by_role("link", name="Demo Clinic").click()
    phone.get_by_label("A team inbox").check()
    phone.get_by_role("textbox", name="Team inbox").fill("duty@clinic.example")
    phone.get_by_role("combobox", name="Second person").select_option(label="Nia Okafor")
    phone.get_by_role("button", name="Save settings").click()
    expect(phone.get_by_text("Saved.")).to_be_visible()
    shot(phone, "admin-clinic-settings")

    # Read this morning's audit entries.
    phone.goto(f"{base}/manage/")
    phone.get_by_role("link", name="Audit log").click()
    phone.get_by_label("From").fill(timezone.localdate().isoformat())
    phone.get_by_role("button", name="Show").click()
    table = phone.locator("table").inner_text()
    for words in ("Invited a clinician or administrator", "Deactivated an account",
                  "Reset a lost second factor", "Agreed to a change of clinician",
                  "Changed clinic settings", "Joined the clinic from an invitation"):
        assert words in table, words
    phone.get_by_role("button", name="Check the whole chain now").click()
    expect(phone.get_by_text("The chain is intact")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(phone, "admin-audit-log")
    assert AuditEvent.objects.filter(action=Action.CLINIC_SETTINGS_CHANGED).exists()


def test_urgent_words_out_of_hours_reach_the_duty_clinician_and_the_client_is_told(
        app, phone, browser):
    base = app.url
    sam = User.objects.get(email="clinician@demo.between")
    outside_check_in_times()
    sign_in(phone, base, CLIENT)
    phone.goto(f"{base}/journal/new/")
    phone.get_by_label("Write").first.fill(
        "I have been stockpiling my tablets. Tonight I am going to take them all.")
    phone.get_by_label("Share this entry with my clinician").check()
    phone.get_by_role("button", name="Save").click()
    note = phone.get_by_text("Demo Clinic's duty clinician is being told now")
    expect(note).to_be_visible()
    expect(phone.get_by_role("link", name="Open my safety plan")).to_be_visible()
    shot(phone, "urgent-out-of-hours-prompt")
    alert = UrgentAlert.objects.get()
    from django.core.management import call_command

    call_command("runjobs", "--once")
    [email] = [e for e in mail.outbox if e.subject == "An urgent flag needs attention"]
    assert email.to == [sam.email] and "tablets" not in email.body
    duty = _context(browser).new_page()
    sign_in_clinician(duty, base)
    duty.goto(base + re.search(r"/care/urgent/[\w-]+/", email.body).group())
    expect(duty.get_by_role("heading", name="An urgent flag")).to_be_visible()
    assert "tablets" not in duty.content()
    shot(duty, "duty-urgent-flag")
    duty.get_by_role("button", name="I'm on it").click()
    expect(duty.get_by_text("Nobody else will be told of this one.")).to_be_visible()
    alert.refresh_from_db()
    assert alert.opened_by == sam
