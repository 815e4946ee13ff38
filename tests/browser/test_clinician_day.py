"""A clinician's working day, in two browsers: an urgent flag worked from the caseload to
its close, waiting messages read early, and a session that changes."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from between.accounts.models import User
from between.care.models import Flag, FlagEvent
from tests.browser.conftest import PHONE, shot, sign_in, sign_in_clinician, via_more

pytestmark = pytest.mark.browser

CLIENT = "client@demo.between"
NOTE = "Rang at 21:40; staying at her sister's tonight, plan gone over."
DESKTOP = {"width": 1366, "height": 768}


def test_an_urgent_entry_is_first_on_the_caseload_and_closed_with_what_was_done(
        app, phone, browser):
    base = app.url
    sign_in(phone, base, CLIENT)
    phone.wait_for_url(base + "/")
    phone.goto(f"{base}/settings/")
    phone.get_by_label("Phone number").fill("07700 900456")
    phone.get_by_role("button", name="Save", exact=True).click()
    expect(phone.get_by_text("Saved. Your care team can see it.")).to_be_visible()
    phone.goto(f"{base}/journal/new/")
    phone.get_by_label("Write").first.fill(
        "I've been saving my tablets for weeks. Tonight I am going to take them all.")
    phone.get_by_label("Share this entry with my clinician").check()
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_role("link", name="Open my safety plan")).to_be_visible()
    client = User.objects.get(email=CLIENT)
    flag = Flag.objects.get(client=client, level="urgent", acknowledged_at__isnull=True)

    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    desk = context.new_page()
    sign_in_clinician(desk, base)
    desk.get_by_role("link", name="Clients", exact=True).click()
    first = desk.locator(".caseload > li").first
    expect(first).to_contain_text("Alex Morgan")
    expect(first.locator(".tag.urgent")).to_have_text("Urgent")
    shot(desk, "flags-caseload-desktop")
    first.get_by_role("link", name="Open the flag").click()
    expect(desk.get_by_role("heading", name="A flag for Alex Morgan")).to_be_visible()
    expect(desk.get_by_role("link", name="07700 900456")).to_be_visible()
    expect(desk.get_by_text("Ring the client now, from the clinic phone.")).to_be_visible()
    expect(desk.locator("mark").first).to_be_visible()
    expect(desk.get_by_role("link", name="Their safety plan")).to_be_visible()
    shot(desk, "flag-desktop")
    desk.get_by_role("link", name="The journal entry").click()
    entry = desk.locator(f"#entry-{flag.about.split(':')[1]}")
    expect(entry).to_contain_text("saving my tablets")
    desk.go_back()

    small = context.new_page()
    small.set_viewport_size(PHONE)
    small.goto(f"{base}/care/flags/{flag.pk}/")
    assert small.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(small, "flag-phone")
    small.close()

    desk.get_by_label("Called the client").check()
    desk.get_by_label("Private note (optional)").fill(NOTE)
    desk.get_by_role("button", name="Close the flag").click()
    expect(desk.get_by_text("Closed. It stays in Alex Morgan's flag history")).to_be_visible()
    closed = desk.locator("section", has=desk.get_by_role("heading", name="Closed flags"))
    expect(closed).to_contain_text("by Sam Rivera (Called the client)")
    closed.get_by_role("link").first.click()
    history = desk.locator("section", has=desk.get_by_role("heading", name="History"))
    expect(history).to_contain_text("Closed by Sam Rivera")
    expect(history).to_contain_text(NOTE)
    shot(desk, "flag-history-desktop")
    context.close()

    event = FlagEvent.objects.get(flag=flag)
    assert (event.by.email, event.done, event.note) == ("clinician@demo.between",
                                                       ["called"], NOTE)
    via_more(phone, "Who has seen my data")
    expect(phone.get_by_text("Looked into a flag and closed it").first).to_be_visible()
    assert "sister" not in phone.content()
    shot(phone, "client-seen-flag-closed")


def test_waiting_messages_can_be_read_early_and_the_client_sees_read(app, phone, browser):
    from tests.browser.conftest import outside_check_in_times

    base = app.url
    outside_check_in_times()
    sign_in(phone, base, CLIENT)
    via_more(phone, "Messages")
    # Not "Something happened at work I want to tell you": the model reads that as urgent
    # (tests/risk/test_model.py, the short-sentence case, #11).
    phone.get_by_label("Your message").fill(
        "Something happened at work. Can we talk about it on Friday?")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Yours will be there for them from")).to_be_visible()
    via_more(phone, "Messages")
    expect(phone.get_by_text("Waiting for Sam Rivera's check-in time").first).to_be_visible()

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = context.new_page()
    sign_in_clinician(cp, base)
    cp.goto(f"{base}/care/clients/{User.objects.get(email=CLIENT).pk}/messages/")
    # The demo has one waiting already; this one makes at least two.
    expect(cp.get_by_role("heading", name=re.compile(r"^\d+ waiting for your check-in time$"))
           ).to_be_visible()
    expect(cp.get_by_text("Something happened at work")).to_have_count(0)
    cp.get_by_role("button", name="Read them now").click()
    expect(cp.get_by_text("Something happened at work")).to_be_visible()
    shot(cp, "clinician-read-early")
    context.close()

    phone.reload()
    mine = phone.locator("li.from-client", has_text="Something happened at work")
    expect(mine).to_contain_text("Read ")
    shot(phone, "client-sees-read-early")


def test_a_session_cancelled_then_moved_is_one_session_for_both(app, phone, browser):
    from between.care.models import TherapySession

    base = app.url
    client = User.objects.get(email=CLIENT)
    session = TherapySession.objects.get(client=client, kind="scheduled")
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = context.new_page()
    sign_in_clinician(cp, base)
    cp.goto(f"{base}/care/clients/{client.pk}/sessions/")
    box = cp.locator(f"#session-{session.pk}")
    box.get_by_text("Change this session").click()
    box.get_by_role("radio", name="Cancelled").check()
    box.get_by_label("If cancelled, who cancelled").select_option("client")
    box.get_by_label("Reason (optional; the client sees it)").fill("Asked to move it")
    box.get_by_role("button", name="Save the change").click()
    box = cp.locator(f"#session-{session.pk}")
    expect(box.get_by_role("heading")).to_contain_text("Cancelled")
    box.get_by_text("Change this session").click()
    box.get_by_role("radio", name="Moved").check()
    later = session.starts_at + timedelta(days=2)
    box.get_by_label("New time, if it moved").fill(
        timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"))
    box.get_by_role("button", name="Save the change").click()
    box = cp.locator(f"#session-{session.pk}")
    expect(box.get_by_role("heading")).to_contain_text("Scheduled")
    expect(box).to_contain_text("Cancelled by the client")
    shot(cp, "clinician-session-history")
    cp.get_by_role("link", name="Clients", exact=True).click()
    expect(cp.locator(".caseload > li", has_text="Alex Morgan")).to_contain_text(
        timezone.localtime(later).strftime("%a %-d %b, %H:%M"))
    context.close()
    assert TherapySession.objects.filter(client=client, clinician=session.clinician,
                                         starts_at__gt=timezone.now()).count() == 1

    sign_in(phone, base, CLIENT)
    phone.goto(f"{base}/sessions/")
    upcoming = phone.locator(".entries li", has_text="Scheduled with Sam Rivera")
    expect(upcoming).to_have_count(1)
    expect(upcoming).to_contain_text("Moved from")
    expect(phone.locator(".entries li", has_text="Cancelled with")).to_have_count(0)
    shot(phone, "client-session-moved")


def test_a_private_note_on_a_session_is_the_clinicians_alone(app, phone, browser):
    from between.care.models import ClinicalNote, TherapySession

    base = app.url
    client = User.objects.get(email=CLIENT)
    held = TherapySession.objects.filter(client=client, kind="attended").first()
    words = "Talked through the weekend. Keep the chain analysis short next time."
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = context.new_page()
    sign_in_clinician(cp, base)
    cp.goto(f"{base}/care/clients/{client.pk}/")
    cp.get_by_role("link", name="Your private notes").click()
    expect(cp.get_by_text("Ran over on the chain analysis")).to_be_visible()  # the demo's
    cp.goto(f"{base}/care/clients/{client.pk}/sessions/")
    cp.locator(f"#session-{held.pk}").get_by_role(
        "link", name="Write a private note about this session").click()
    expect(cp.get_by_label("About a session (optional)")).to_have_value(str(held.pk))
    cp.get_by_label("Note:", exact=True).fill(words)
    cp.get_by_role("button", name="Save the note").click()
    expect(cp.get_by_text("Note saved. Only you can read it")).to_be_visible()
    note = ClinicalNote.objects.filter(client=client).order_by("-created_at").first()
    assert (note.body, note.session) == (words, held)
    expect(cp.locator(f"#note-{note.pk}")).to_contain_text(
        timezone.localtime(held.starts_at).strftime("%a %-d %b"))
    shot(cp, "clinician-private-notes")
    cp.locator(f"#note-{note.pk}").get_by_role("link", name="Change this note").click()
    cp.get_by_label("Note:", exact=True).fill(words + " Ask about sleep.")
    cp.get_by_role("button", name="Save the change").click()
    expect(cp.locator(f"#note-{note.pk}")).to_contain_text("Ask about sleep.")
    expect(cp.locator(f"#note-{note.pk}")).to_contain_text("changed")
    cp.goto(f"{base}/care/clients/{client.pk}/sessions/")
    expect(cp.locator(f"#session-{held.pk}")).to_contain_text("Ask about sleep.")
    context.close()

    sign_in(phone, base, CLIENT)
    for path in ("/sessions/", f"/sessions/{held.pk}/"):
        phone.goto(base + path)
        expect(phone.locator("main")).not_to_contain_text("Ask about sleep")
        expect(phone.locator("main")).not_to_contain_text("Ran over on the chain analysis")


def test_the_check_in_is_a_to_do_list_and_the_caseload_counts_what_is_left(app, browser):
    from between.care.models import CheckIn, Message

    base = app.url
    client = User.objects.get(email=CLIENT)
    now = timezone.now()
    risky = Message.objects.create(
        client=client, clinician=User.objects.get(email="clinician@demo.between"),
        body="I don't think I can keep going.", risk_level="ideation",
        sent_at=now - timedelta(hours=5), release_at=now, released_at=now)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    desk = context.new_page()
    sign_in_clinician(desk, base)
    desk.get_by_role("link", name="Clients", exact=True).click()
    row = desk.locator(".caseload > li", has_text="Alex Morgan")
    expect(row).to_contain_text("2 to do")  # the demo's weekly check-in, and this message
    row.get_by_role("link", name="2 to do").click()
    item = desk.locator(f"#item-{risky.pk}")
    expect(item.locator(".tag", has_text="New")).to_be_visible()
    expect(item.locator(".tag", has_text="Thoughts of suicide or self-harm")).to_be_visible()
    shot(desk, "check-in-to-do-desktop")
    item.get_by_role("button", name="Mark as handled").click()
    expect(desk.get_by_text("Marked as handled: Alex Morgan")).to_be_visible()
    expect(desk.locator("#marked-h")).to_have_count(0)
    desk.get_by_text("Handled in the last two weeks").click()
    handled = desk.locator(f"#item-{risky.pk}")
    expect(handled).to_contain_text("Handled by Sam Rivera")
    risky.refresh_from_db()
    assert risky.handled_at is not None and risky.read_at is not None
    desk.get_by_role("link", name="Clients", exact=True).click()
    expect(desk.locator(".caseload > li", has_text="Alex Morgan")).to_contain_text(
        "1 to do")
    context.close()
    assert CheckIn.objects.filter(client=client, handled_at__isnull=True,
                                  read_at__isnull=False).count() == 1


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_marked_diary_week_and_the_trends_summary(app, browser, size):
    from between.diary import services as diary
    from between.safety.services import client_today

    client = User.objects.get(email=CLIENT)
    today = client_today(client)
    diary.record_card(client, today, diary.CardInput(urges={"to_die": 4, "self_harm": 1}))
    flag = Flag.objects.filter(client=client, day=today, source="diary").first()
    assert flag is not None
    viewport = DESKTOP if size == "desktop" else PHONE
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.goto(f"{app.url}/care/clients/{client.pk}/diary/")
    expect(page.locator("td.reached").first).to_be_visible()
    expect(page.get_by_text("Shaded and bold: at or over Alex Morgan's own safety")).to_be_visible()
    flag_link = page.locator(f"#day-{today:%Y-%m-%d}").get_by_role("link", name="Flag")
    expect(flag_link).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], "the grid scrolls inside its box, not the page"
    shot(page, f"clinician-diary-week-marked-{size}")
    page.get_by_role("link", name="Trends").click()
    expect(page.get_by_role("heading", name="What moved most")).to_be_visible()
    expect(page.get_by_role("heading", name="Target behaviours, days per week")).to_be_visible()
    expect(page.locator(".chart-panel").first).to_be_hidden()
    shot(page, f"clinician-trends-summary-{size}")
    page.get_by_text("Every urge, emotion, skills and behaviour chart").click()
    expect(page.locator(".chart-panel").first).to_be_visible()
    expect(page.get_by_role("heading", name="Self-harm: days per week")).to_be_visible()
    shot(page, f"clinician-trends-all-{size}")
    page.goto(f"{app.url}/care/clients/{client.pk}/diary/")
    page.locator(f"#day-{today:%Y-%m-%d}").get_by_role("link", name="Flag").click()
    expect(page).to_have_url(re.compile(f"/care/flags/{flag.pk}/$"))
    context.close()


def test_the_week_pdf_and_a_range_csv_download_from_the_week(app, browser):
    from pypdf import PdfReader

    client = User.objects.get(email=CLIENT)
    context = browser.new_context(viewport=DESKTOP, locale="en-GB", accept_downloads=True)
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.goto(f"{app.url}/care/clients/{client.pk}/diary/")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Download this week as a PDF").click()
    text = PdfReader(pdf.value.path()).pages[0].extract_text()
    assert "Diary card for Alex Morgan" in text and "Urge to die" in text
    with page.expect_download() as sheet:
        page.get_by_role("button", name="Download the CSV").click()
    rows = open(sheet.value.path(), encoding="utf-8").read().splitlines()  # noqa: SIM115
    assert rows[0].startswith("date,urge:to_die") and len(rows) > 20, "four weeks of cards"
    shot(page, "clinician-week-downloads")
    context.close()


def test_a_clients_own_contact_times_say_whose_and_go_back(app, browser):
    from between.care.models import ContactPolicy, Message

    client = User.objects.get(email=CLIENT)
    waiting = Message.objects.get(client=client, released_at__isnull=True)
    before = waiting.release_at
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.goto(f"{app.url}/care/clients/{client.pk}/")
    page.get_by_role("link", name="Contact times for Alex Morgan").click()
    expect(page.get_by_text("Alex Morgan has your usual times")).to_be_visible()
    page.locator("#id_day_0").select_option(label="Sunday")
    page.locator("#id_start_0").fill("18:00")
    page.locator("#id_end_0").fill("19:00")
    page.locator("#id_day_1").select_option(label="No window")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="Alex Morgan has times of their own")).to_be_visible()
    expect(page.get_by_text("1 waiting item will now reach you at the new times.")).to_be_visible()
    waiting.refresh_from_db()
    assert waiting.release_at != before
    assert timezone.localtime(waiting.release_at).strftime("%a %H:%M") == "Sun 18:00"
    shot(page, "client-own-contact-times")
    page.get_by_role("button", name="Go back to my usual times for Alex Morgan").click()
    expect(page.get_by_text("Alex Morgan has your usual times again")).to_be_visible()
    assert not ContactPolicy.objects.filter(client=client).exists()
    waiting.refresh_from_db()
    assert waiting.release_at == before
    context.close()


def test_a_clinicians_note_outlives_the_idle_timeout(app, browser, settings):
    import time

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from between.care.models import ClinicalNote

    settings.SESSION_IDLE_SECONDS = {"client": 6, "clinician": 6, "admin": 6}
    client = User.objects.get(email=CLIENT)
    words = "Long call about the weekend; agreed to revisit the plan on Thursday. " * 30
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.goto(f"{app.url}/care/clients/{client.pk}/notes/")
    page.get_by_label("Note:", exact=True).fill(words)
    page.get_by_text("You've been signed out to keep your things private.").wait_for(
        timeout=15000)
    time.sleep(1)
    page.get_by_role("button", name="Save the note").click()
    page.wait_for_url("**/accounts/login/**")
    expect(page.get_by_text("What you were writing is kept")).to_be_visible()
    before = ClinicalNote.objects.filter(client=client).count()
    settings.SESSION_IDLE_SECONDS = {"client": 600, "clinician": 600, "admin": 600}
    # A code is good once: as if the authenticator had moved on to its next code.
    TOTPDevice.objects.filter(user__email="clinician@demo.between").update(last_t=-1)
    sign_in_clinician(page, app.url)
    page.wait_for_url(lambda url: "/accounts/" not in url)  # the code step is done
    page.goto(f"{app.url}/care/clients/{client.pk}/notes/")
    expect(page.get_by_text("We kept what you were writing")).to_be_visible()
    assert page.get_by_label("Note:", exact=True).input_value() == words
    shot(page, "clinician-note-kept")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_text("Note saved. Only you can read it")).to_be_visible()
    assert ClinicalNote.objects.filter(client=client).count() == before + 1
    context.close()
