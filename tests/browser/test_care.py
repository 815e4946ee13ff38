"""Support between sessions without anyone on call, as both sides see it."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from between.accounts.models import User
from between.care.models import Message
from tests.browser.conftest import (
    PHONE,
    outside_check_in_times,
    shot,
    sign_in,
    sign_in_clinician,
    via_more,
)
from tests.conftest import sealed_reads

pytestmark = pytest.mark.browser


def test_message_waits_for_the_window_and_reaches_the_clinician(app, phone, browser):
    outside_check_in_times()  # the demo's own times include Tuesday 2pm
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Messages")
    expect(phone.get_by_text("Sam Rivera reads messages on")).to_be_visible()
    phone.get_by_label("Your message").fill("Could we start with last week's session on "
                                            "Tuesday? It's been on my mind.")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Yours will be there for them from")).to_be_visible()
    expect(phone.get_by_text("Sam Rivera reads messages on").first).to_be_visible()
    expect(phone.get_by_role("link", name="Get help now").first).to_be_visible()
    shot(phone, "message-sent")

    client = User.objects.get(email="client@demo.between")
    message = Message.objects.filter(client=client).order_by("-sent_at").first()
    assert message.released_at is None and message.outside_window
    call_command("runjobs", "--once", "--at", message.release_at.isoformat())
    message.refresh_from_db()
    assert message.released_at is not None

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = context.new_page()
    sign_in_clinician(cp, app.url)
    cp.get_by_role("link", name="Check-in", exact=True).click()
    html = cp.content()
    assert html.index("Flags") < html.index("Could we start with last week")
    expect(cp.get_by_text("Urge to die rated").first).to_be_visible()
    shot(cp, "clinician-digest")
    cp.get_by_role("link", name="Clients", exact=True).click()
    first = cp.locator(".caseload > li").first.inner_text()
    assert "Alex Morgan" in first and "to look at" in first, "the client in need comes first"
    shot(cp, "clinician-caseload")
    context.close()

    via_more(phone, "Who has seen my data")
    expect(phone.get_by_text("Looked at your messages").first).to_be_visible()
    shot(phone, "client-seen-messages")
    assert sealed_reads(target="messages",
                                     subject_id=client.pk).exists()


def test_a_conversation_both_ways_in_the_clients_own_time(app, phone, browser):
    """Out of hours the client's message waits; at the check-in time the clinician reads
    it in the digest and replies from there; the client sees delivered, read and the
    reply, in order, each time on their own clock."""
    from zoneinfo import ZoneInfo

    from between.care.models import Reply
    outside_check_in_times()
    client = User.objects.get(email="client@demo.between")
    client.time_zone = "America/New_York"
    client.save(update_fields=["time_zone"])
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Messages")
    phone.get_by_label("Your message").fill("The weekend was rough. Can we talk about it?")
    phone.get_by_role("button", name="Send").click()
    via_more(phone, "Messages")
    mine = phone.locator(".thread li", has_text="The weekend was rough")
    expect(mine).to_contain_text("Waiting for Sam Rivera's check-in time")
    message = Message.objects.filter(client=client).order_by("-sent_at").first()
    local = message.sent_at.astimezone(ZoneInfo("America/New_York"))
    expect(mine.locator("time")).to_have_text(f"{local:%a} {local.day} {local:%b, %H:%M}")

    call_command("runjobs", "--once", "--at", message.release_at.isoformat())
    phone.reload()
    expect(mine).to_contain_text("Delivered")

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    staff = context.new_page()
    sign_in_clinician(staff, app.url)
    staff.get_by_role("link", name="Check-in", exact=True).click()
    staff.locator(".digest-item", has_text="The weekend was rough").get_by_role(
        "link", name="Reply to Alex Morgan").click()
    expect(staff.get_by_text("You're outside your check-in times")).to_be_visible()
    staff.get_by_label("Your reply").fill("Thank you for telling me. Let's start with the "
                                          "weekend on Tuesday.")
    staff.get_by_role("button", name="Send reply").click()
    expect(staff.get_by_text("Sent. Alex Morgan will see it")).to_be_visible()
    shot(staff, "clinician-conversation")
    context.close()

    phone.reload()
    expect(mine).to_contain_text("Read ")
    lines = phone.locator(".thread li").all_inner_texts()
    asked = next(i for i, t in enumerate(lines) if "The weekend was rough" in t)
    answered = next(i for i, t in enumerate(lines) if "Let's start with the weekend" in t)
    assert asked < answered, lines
    reply = Reply.objects.get(client=client)
    local = reply.sent_at.astimezone(ZoneInfo("America/New_York"))
    theirs = phone.locator(".thread li", has_text="Let's start with the weekend")
    expect(theirs.locator("time")).to_have_text(f"{local:%a} {local.day} {local:%b, %H:%M}")
    expect(phone.get_by_role("link", name="Get help now").first).to_be_visible()
    shot(phone, "client-conversation")
    reply.refresh_from_db()
    assert reply.read_at is not None


def test_away_cover_by_the_clients_choice(app, phone, browser):
    """Sam is away and Nia covers. The client is told before sending, chooses Nia, and
    Nia reads and answers from her own check-in; the client reads it in Sam's thread."""
    from datetime import timedelta

    from between.care.models import Away
    from between.safety.services import client_today
    from tests.conftest import totp_now
    from tests.factories import PASSWORD, ClinicianFactory

    outside_check_in_times()
    sam = User.objects.get(email="clinician@demo.between")
    nia = ClinicianFactory(clinic=sam.clinic, display_name="Nia Okafor",
                           email="nia@demo.between")
    today = client_today(sam)
    Away.objects.create(clinician=sam, starts_on=today - timedelta(days=1),
                        ends_on=today + timedelta(days=6), cover=nia)

    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Messages")
    notice = phone.locator(".notice", has_text="Sam Rivera is away, back after")
    expect(notice).to_contain_text("What you send waits for Sam Rivera to come back, unless "
                                   "you'd rather it went to Nia Okafor, who is covering.")
    shot(phone, "messages-away")
    notice.get_by_label("Send my messages to Nia Okafor").check()
    notice.get_by_role("button", name="Save my choice").click()
    expect(phone.get_by_text("Until Sam Rivera is back, your messages go to Nia Okafor."))\
        .to_be_visible()
    phone.get_by_label("Your message").fill("I had a bad night and wanted someone to know.")
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_text("Nia Okafor", exact=False).first).to_be_visible()
    message = Message.objects.filter(client__email="client@demo.between").order_by(
        "-sent_at").first()
    assert (message.clinician, message.covering_for) == (nia, sam)
    call_command("runjobs", "--once", "--at", message.release_at.isoformat())

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    staff = context.new_page()
    sign_in(staff, app.url, "nia@demo.between", password=PASSWORD)
    staff.get_by_label("6-digit code from your authenticator app").fill(totp_now(nia))
    staff.get_by_role("button", name="Continue").click()
    staff.get_by_role("link", name="Check-in", exact=True).click()
    item = staff.locator(".digest-item", has_text="I had a bad night")
    expect(item).to_contain_text("covering for Sam Rivera")
    item.get_by_role("link", name="Reply to Alex Morgan").click()
    expect(staff.get_by_text("You're covering for Sam Rivera while they're away.")) \
        .to_be_visible()
    staff.get_by_label("Your reply").fill("Thank you for letting us know. Sam is back on "
                                          "Monday; your plan is there tonight.")
    staff.get_by_role("button", name="Send reply").click()
    shot(staff, "cover-conversation")
    context.close()

    phone.goto(app.url + "/messages/")
    theirs = phone.locator(".thread li", has_text="Sam is back on Monday")
    expect(theirs).to_contain_text("Nia Okafor covering for Sam Rivera")
    shot(phone, "messages-covered-reply")


def test_sessions_reach_a_calendar_app_as_session_and_a_time(app, phone):
    """From Settings, a client makes a calendar link; what a calendar app then fetches
    says "Session" and when, and no name."""
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Settings")
    phone.get_by_role("link", name="Set up a calendar link").click()
    phone.get_by_role("button", name="Make a calendar link").click()
    link = phone.locator("#calendar-link").inner_text()
    assert "/calendar/cal_" in link and link.endswith(".ics")
    shot(phone, "calendar-link")
    feed = phone.request.get(app.url + link[link.index("/calendar/"):])
    body = feed.text()
    assert feed.status == 200 and "SUMMARY:Session" in body
    assert "Alex" not in body and "Sam" not in body
