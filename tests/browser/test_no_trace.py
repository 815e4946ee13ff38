"""Leave no trace and never lose a word, as a client on a phone meets them."""

import time

import pytest
from playwright.sync_api import expect

from between.accounts.models import User
from between.care.models import Message
from between.journal.models import Entry
from tests.browser.conftest import PHONE, shot, sign_in, via_more

pytestmark = pytest.mark.browser

ELSEWHERE = "https://weather.example/"


@pytest.fixture
def leaving(app, settings):
    from between.settings import origin_of

    settings.QUICK_EXIT_URL = ELSEWHERE
    settings.SECURE_CSP = {**settings.SECURE_CSP,
                           "form-action": ["'self'", *origin_of(ELSEWHERE)]}
    return app


def _context(browser, *, javascript=True):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="en-GB", java_script_enabled=javascript)
    context.route(ELSEWHERE + "**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<h1>Weather for today</h1>"))
    return context


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_quick_exit_signs_out_and_back_shows_nothing_of_between(leaving, browser, javascript):
    context = _context(browser, javascript=javascript)
    page = context.new_page()
    sign_in(page, leaving.url, "client@demo.between")
    page.wait_for_url(leaving.url + "/")
    via_more(page, "Journal")
    page.wait_for_url("**/journal/")
    expect(page.get_by_role("heading", name="Journal")).to_be_visible()
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(ELSEWHERE)
    expect(page.get_by_role("heading", name="Weather for today")).to_be_visible()
    page.go_back()
    page.wait_for_load_state()
    # Back lands on the page before the one left, fetched afresh: signed out, so the
    # public welcome or the sign-in page, and nothing of the client's.
    assert page.locator("body[data-signed-in]").count() == 0, page.url
    assert page.get_by_role("button", name="Sign out").count() == 0
    assert page.get_by_role("link", name="Diary", exact=True).count() == 0
    assert "Alex" not in page.content()
    shot(page, f"quick-exit-back-{'js' if javascript else 'nojs'}")
    page.goto(leaving.url + "/journal/")
    assert "/accounts/login/" in page.url, "the server session is gone, not just hidden"
    context.close()


def test_idle_sign_out_warns_then_keeps_the_words_and_brings_them_back(app, phone,
                                                                        settings):
    settings.SESSION_IDLE_SECONDS = {"client": 6, "clinician": 6, "admin": 6}
    words = "I started writing this after the phone call and then just sat here. " * 5
    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    phone.goto(app.url + "/journal/new/")
    phone.get_by_label("Write whatever you need to").fill(words)
    warning = phone.get_by_role("alertdialog")
    warning.wait_for(state="visible", timeout=8000)
    assert "Anything you're writing is kept either way." in warning.inner_text()
    shot(phone, "idle-warning")
    # Saving the draft counted as activity; the page says so once the time has run out.
    phone.get_by_text("You've been signed out to keep your things private.").wait_for(
        timeout=10000)
    time.sleep(1)
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url("**/accounts/login/**")
    expect(phone.get_by_text("What you were writing is kept")).to_be_visible()
    client = User.objects.get(email="client@demo.between")
    before = Entry.objects.filter(client=client).count()
    sign_in_here(phone, app.url)
    phone.wait_for_url("**/journal/new/")
    notice = phone.get_by_text("We kept what you were writing")
    notice.wait_for(state="visible")
    assert phone.get_by_label("Write whatever you need to").input_value() == words
    shot(phone, "draft-restored")
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_url("**/journal/")
    assert Entry.objects.filter(client=client).count() == before + 1
    assert Entry.objects.filter(client=client).order_by("-created_at").first().body == words


def sign_in_here(page, base):
    page.get_by_label("Email").fill("client@demo.between")
    page.get_by_label("Password").fill("between-demo")
    page.get_by_role("button", name="Sign in").click()


def test_stay_signed_in_keeps_the_session(app, phone, settings):
    settings.SESSION_IDLE_SECONDS = {"client": 8, "clinician": 8, "admin": 8}
    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    phone.goto(app.url + "/journal/new/")
    phone.get_by_role("button", name="Stay signed in").click(timeout=10000)
    time.sleep(4)
    phone.get_by_role("button", name="Stay signed in").click(timeout=10000)
    time.sleep(3)
    phone.goto(app.url + "/journal/")
    assert phone.url.endswith("/journal/"), "tapping to stay kept the session alive"


def test_a_long_paste_is_counted_refused_by_name_and_kept_whole(app, phone):
    text = ("All of this matters to me and I need you to read it. " * 200)[:10_000]
    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    client = User.objects.get(email="client@demo.between")
    before = Message.objects.filter(client=client).count()
    phone.goto(app.url + "/messages/")
    box = phone.get_by_label("Your message")
    box.fill(text)
    assert box.input_value() == text, "nothing is cut on the way in"
    count = phone.get_by_text("5000 characters over the limit of 5000")
    expect(count).to_be_visible()
    shot(phone, "paste-counted")
    phone.get_by_role("button", name="Send").click()
    phone.wait_for_load_state()
    expect(phone.get_by_text("This is over 5000 characters.")).to_be_visible()
    assert phone.get_by_label("Your message").input_value() == text
    shot(phone, "paste-refused")
    assert Message.objects.filter(client=client).count() == before, "nothing partly saved"


def test_a_double_tap_on_a_slow_connection_sends_one_message(app, phone):
    from tests.browser.conftest import outside_check_in_times

    outside_check_in_times()  # so the answer says when it will be read, whatever the hour
    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    client = User.objects.get(email="client@demo.between")
    before = Message.objects.filter(client=client).count()
    phone.goto(app.url + "/messages/")
    slow = phone.context.new_cdp_session(phone)
    slow.send("Network.enable")
    slow.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": 1500, "downloadThroughput": 50_000,
        "uploadThroughput": 50_000})
    phone.get_by_label("Your message").fill("Is Tuesday still on?")
    phone.get_by_role("button", name="Send").dblclick()
    phone.wait_for_url("**/messages/", wait_until="load")
    phone.get_by_text("Yours will be there", exact=False).first.wait_for(timeout=20000)
    time.sleep(2)
    assert Message.objects.filter(client=client).count() == before + 1
    shot(phone, "double-tap-one-message")


def test_sharing_says_what_stays_and_ending_a_link_does_what_it_says(app, phone, browser):
    from between.accounts.models import CareLink
    from tests.browser.conftest import sign_in_clinician

    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    phone.goto(app.url + "/sharing/")
    expect(phone.get_by_text("also sees what is part of working together").first).to_be_visible()
    phone.get_by_role("button", name="Untick everything for Sam Rivera").click()
    assert phone.get_by_text("They still see messages and check-ins you send them").is_visible()
    phone.get_by_role("link", name="End my link with Sam Rivera").click()
    expect(phone.get_by_role("heading", name="End your link with Sam Rivera?")).to_be_visible()
    expect(phone.get_by_text("Messages they already received can't be unsent.")).to_be_visible()
    shot(phone, "end-link-confirm")
    phone.get_by_role("button", name="End my link with Sam Rivera").click()
    expect(phone.get_by_text("You've ended your link with Sam Rivera.")).to_be_visible()
    client = User.objects.get(email="client@demo.between")
    assert not CareLink.objects.active().filter(client=client,
                                                clinician__email="clinician@demo.between")
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.goto(app.url + "/care/")
    assert "Alex Morgan" not in page.content()
    assert page.goto(f"{app.url}/care/clients/{client.pk}/").status == 404
    context.close()


def _writing_a_journal_entry(app, browser):
    """The demo client on a phone, signed in, on a new journal entry."""
    context = _context(browser)
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.wait_for_url(app.url + "/")
    page.goto(app.url + "/journal/new/")
    return User.objects.get(email="client@demo.between"), context, page


@pytest.mark.parametrize("how", ["offline", "wifi-with-no-way-out"])
def test_saving_with_no_signal_keeps_every_word_on_the_page(app, browser, how):
    # Without this, Save sent the words into the browser's own error page, and Back
    # brought the form again empty.
    client, context, page = _writing_a_journal_entry(app, browser)
    before = Entry.objects.filter(client=client).count()
    words = "Wrote this on the bus, where the signal keeps dropping. Still here."
    box = page.get_by_label("Write whatever you need to")
    if how == "offline":
        context.set_offline(True)
        box.fill(words)
    else:  # the phone says it is online, and nothing gets through to Between
        context.route("**/drafts/", lambda route: route.abort("internetdisconnected"))
        context.route("**/healthz", lambda route: route.abort("internetdisconnected"))
        with page.expect_event("requestfailed"):  # the draft, 1.2 s after typing
            box.fill(words)
    page.get_by_role("button", name="Save").click()
    note = page.get_by_role("alert").filter(has_text="can't be reached right now")
    expect(note).to_contain_text("Everything you wrote is still here")
    shot(page, f"journal-save-with-no-signal-{how}")
    assert page.url == app.url + "/journal/new/", "still the page, not an error page"
    assert box.input_value() == words
    assert Entry.objects.filter(client=client).count() == before, "held, not sent"

    context.set_offline(False)
    context.unroute("**/drafts/")
    context.unroute("**/healthz")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. It's yours.")).to_be_visible()
    assert Entry.objects.filter(client=client).count() == before + 1
    assert Entry.objects.filter(client=client).order_by("-created_at").first().body == words
    context.close()


def _a_save_that_gets_nowhere(app, browser, words):
    """The draft got through, so Save sends at once; then nothing reaches Between (the
    train goes into a tunnel as Save is pressed, and the phone still says online)."""
    client, context, page = _writing_a_journal_entry(app, browser)
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    with page.expect_response(lambda r: r.url.endswith("/drafts/")):
        page.get_by_label("Write whatever you need to").fill(words)
    context.set_offline(True)
    page.evaluate("Object.defineProperty(Navigator.prototype, 'onLine', "
                  "{get: function () { return true; }})")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Not sent yet")).to_be_visible()
    return client, context, page


def test_a_save_that_gets_nowhere_brings_the_words_back_on_a_page_of_their_own(app, browser):
    # Before, the browser's own error page, with none of the words on it.
    words = "Typed on the train, <b>all of it</b> & more.\nThen the tunnel, as I pressed Save."
    before = Entry.objects.filter(client__email="client@demo.between").count()
    client, context, page = _a_save_that_gets_nowhere(app, browser, words)
    assert page.get_by_label("Your words").input_value() == words
    expect(page.get_by_text("Between couldn't be reached, so this may not be saved")) \
        .to_be_visible()
    expect(page.get_by_role("link", name="Get help now")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "journal-save-that-got-nowhere")
    assert Entry.objects.filter(client=client).count() == before

    context.set_offline(False)
    page.get_by_role("button", name="Send again").click()
    expect(page.get_by_text("Saved. It's yours.")).to_be_visible()
    saved = Entry.objects.filter(client=client).order_by("-created_at")
    assert saved.count() == before + 1
    assert saved.first().body.replace("\r\n", "\n") == words
    # Sent again from the browser's history: the one-time token keeps it once.
    page.go_back()
    if page.get_by_role("button", name="Send again").count():
        page.get_by_role("button", name="Send again").click()
        expect(page.get_by_text("Saved. It's yours.")).to_be_visible()
    assert Entry.objects.filter(client=client).count() == before + 1
    context.close()


def test_quick_exit_leaves_at_once_from_the_page_that_keeps_the_words(leaving, browser):
    client, context, page = _a_save_that_gets_nowhere(leaving, browser,
                                                      "Someone just came in, I have to go")
    page.get_by_role("button", name="Quick exit").click()
    page.wait_for_url(ELSEWHERE)
    expect(page.get_by_role("heading", name="Weather for today")).to_be_visible()
    assert "Someone just came in" not in page.content()
    context.close()


def test_a_slow_answer_to_the_look_never_blocks_a_save(app, browser):
    # The draft didn't get through, so the page looks before sending; the look gets no
    # answer in 8 seconds (a very slow signal): the form is sent anyway, not held back.
    client, context, page = _writing_a_journal_entry(app, browser)
    before = Entry.objects.filter(client=client).count()
    unanswered = []

    def never_answer(route):
        unanswered.append(route)

    context.route("**/drafts/", lambda route: route.abort("timedout"))
    context.route("**/healthz", never_answer)
    with page.expect_event("requestfailed"):
        page.get_by_label("Write whatever you need to").fill("Slow signal, saving anyway")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. It's yours.")).to_be_visible(timeout=20_000)
    assert unanswered, "the look was made"
    assert Entry.objects.filter(client=client).count() == before + 1
    context.close()


def test_words_written_with_a_good_signal_are_sent_at_once(app, browser):
    # The draft got through, so there is nothing to look for first: Save sends at once,
    # as without JavaScript (no health check, no wait).
    client, context, page = _writing_a_journal_entry(app, browser)
    looked = []
    page.on("request", lambda request: looked.append(request.url)
            if request.url.endswith("/healthz") else None)
    with page.expect_response(lambda r: r.url.endswith("/drafts/")):
        page.get_by_label("Write whatever you need to").fill("A good day, saved at once")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. It's yours.")).to_be_visible()
    assert looked == []
    context.close()


def test_a_phone_that_wrongly_says_offline_still_saves(app, browser):
    # Some computers report navigator.onLine false while online. The look at Between
    # decides, so the save goes through rather than being held forever.
    client, context, page = _writing_a_journal_entry(app, browser)
    before = Entry.objects.filter(client=client).count()
    page.add_init_script("Object.defineProperty(Navigator.prototype, 'onLine', "
                         "{get: function () { return false; }})")
    page.reload()
    assert page.evaluate("navigator.onLine") is False
    page.get_by_label("Write whatever you need to").fill("Saved though the laptop says offline")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved. It's yours.")).to_be_visible()
    assert Entry.objects.filter(client=client).count() == before + 1
    context.close()
