"""The crisis path as people meet it, on a phone, including with no signal."""

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import expect

from between.accounts.models import User
from between.safety.models import CrisisEpisode
from tests.browser.conftest import PHONE, shot, sign_in

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe-core" / "axe.min.js"


def test_crisis_page_passes_axe_and_stays_small(app, browser):
    # axe is injected as a script, which our CSP forbids; only this test context bypasses it.
    context = browser.new_context(viewport=PHONE, locale="en-GB", bypass_csp=True)
    page = context.new_page()
    sizes = []
    page.on("requestfinished", lambda req: sizes.append(req.sizes()["responseBodySize"]))
    page.goto(app.url + "/crisis")
    page.wait_for_load_state("networkidle")
    transferred = sum(sizes)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', "
                           "'wcag22aa']})")
    problems = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"]]
    assert problems == []
    assert result["passes"], "axe really ran"
    assert 0 < transferred <= 60 * 1024, f"{transferred} bytes"
    shot(page, "crisis-axe")
    context.close()


def test_crisis_page_works_without_javascript(app, browser):
    context = browser.new_context(viewport=PHONE, locale="en-NZ", java_script_enabled=False)
    page = context.new_page()
    page.goto(app.url + "/")
    page.get_by_role("link", name="Get help now", exact=True).click()
    # The browser says en-NZ, but the language never picks the country: this
    # installation's own comes first, and one tap changes it.
    assert page.get_by_role("link", name="Call 116 123").get_attribute("href") == "tel:116123"
    page.get_by_role("link", name="New Zealand").click()
    assert page.get_by_role("link", name="Call 1737").get_attribute("href") == "tel:1737"
    page.get_by_role("link", name="Australia").click()
    assert page.get_by_role("link", name="Call 13 11 14").get_attribute("href") == "tel:131114"
    context.close()


def test_client_goes_through_crisis_mode_and_it_lands_on_todays_card(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    phone.get_by_role("link", name="I'm struggling now").click()
    phone.wait_for_url("**/crisis-mode/")
    expect(phone.get_by_text("Step 1 of 9")).to_be_visible()
    expect(phone.get_by_role("link", name="Call Samaritans")).to_be_visible()
    phone.get_by_role("radio", name="4").check()
    shot(phone, "crisis-mode-start")
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("Thinking everyone would be better off without me")).to_be_visible()
    phone.get_by_role("button", name="Next").click()
    assert phone.get_by_text("Cold water on my face, or an ice cube in my hand").is_visible()
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Start").click()
    phone.wait_for_timeout(300)
    expect(phone.get_by_text("Breathe in", exact=True)).to_be_visible()
    shot(phone, "crisis-mode-breathing")
    phone.get_by_role("button", name="Stop").click()
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_role("heading", name="Cold water")).to_be_visible()
    phone.get_by_role("button", name="Skip this one").click()
    phone.get_by_role("button", name="Start 10 minutes").click()
    phone.wait_for_timeout(1500)
    expect(phone.get_by_text("9:5")).to_be_visible()
    phone.get_by_role("button", name="Pause").click()
    shot(phone, "crisis-mode-urge-surfing")
    phone.get_by_role("button", name="Skip this one").click()   # urge surfing
    phone.get_by_role("button", name="Skip this one").click()   # grounding
    assert phone.get_by_role("link", name="07700 900456").get_attribute("href") == "tel:07700900456"
    phone.get_by_role("button", name="Next").click()
    phone.get_by_role("radio", name="2").check()
    phone.get_by_label("Paced breathing").check()
    shot(phone, "crisis-mode-end")
    phone.get_by_role("button", name="Save to today's diary card").click()
    phone.wait_for_url("**/crisis-mode/saved/")
    expect(phone.get_by_text("However tonight goes")).to_be_visible()
    episode = CrisisEpisode.objects.get(client=User.objects.get(email="client@demo.between"))
    assert (episode.urge_before, episode.urge_after, episode.helped) == (4, 2, ["breathing"])
    phone.get_by_role("link", name="Diary", exact=True).click()
    on_card = phone.locator(".episode").inner_text()
    assert "4 before, 2 after" in " ".join(on_card.split()) and "Paced breathing" in on_card
    shot(phone, "crisis-mode-on-diary-card")


def _wait_for_service_worker(page):
    # Polled from here: wait_for_function on a string needs eval, which the CSP refuses.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    for _ in range(300):
        if page.evaluate("caches.has('between-shell-v1')"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the service worker never kept the crisis page")


def test_crisis_page_and_opted_in_plan_load_with_the_network_off(app, browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.goto(app.url + "/crisis")
    _wait_for_service_worker(page)
    page.goto(app.url + "/safety-plan/offline/")
    page.get_by_role("button", name="Keep my plan on this device").click()
    page.get_by_text("Your plan is kept on this device").wait_for()
    shot(page, "plan-offline-consent")

    context.set_offline(True)
    page.goto(app.url + "/crisis")
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    expect(page.get_by_text("You're offline"), "this is the page asked for").not_to_be_visible()
    shot(page, "crisis-offline")
    # Any other page says, plainly, that it needs a connection, above the lines.
    page.goto(app.url + "/diary/")
    expect(page.get_by_text("You're offline")).to_be_visible()
    expect(page.get_by_text("the page you opened can't load right now")).to_be_visible()
    expect(page.get_by_role("link", name="Call 116 123")).to_be_visible()
    shot(page, "diary-offline")
    page.goto(app.url + "/safety-plan/")
    expect(page.get_by_text("Saved to this device on")).to_be_visible()
    expect(page.get_by_text("Biscuit (my dog)")).to_be_visible()
    expect(page.get_by_text("more than a month old")).not_to_be_visible()
    shot(page, "plan-offline")

    # A month and a bit later, still offline, the copy says how old it is.
    page.clock.install(time=dt.datetime.now() + dt.timedelta(days=31))
    page.goto(app.url + "/safety-plan/")
    expect(page.get_by_text("This copy is more than a month old")).to_be_visible()
    page.goto(app.url + "/crisis")
    expect(page.get_by_text("This page was saved to your device on")).to_be_visible()

    context.set_offline(False)
    page.clock.resume()
    page.goto(app.url + "/safety-plan/offline/")
    page.get_by_role("button", name="Remove it from this device").click()
    page.get_by_text("Your plan is not kept on this device").wait_for()
    assert not page.evaluate("caches.has('between-plan')")
    context.close()


def test_crisis_mode_runs_offline_and_its_note_reaches_the_card_when_back(app, browser):
    client = User.objects.get(email="client@demo.between")
    before = CrisisEpisode.objects.filter(client=client).count()
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.goto(app.url + "/crisis")
    _wait_for_service_worker(page)
    page.goto(app.url + "/safety-plan/offline/")
    expect(page.get_by_text("crisis mode").first).to_be_visible()
    page.get_by_role("button", name="Keep my plan on this device").click()
    page.get_by_text("Your plan is kept on this device").wait_for()

    context.set_offline(True)
    page.goto(app.url + "/crisis-mode/")
    shot(page, "crisis-mode-offline-open")
    expect(page.get_by_text("Step 1 of 9"), "the steps run from this phone").to_be_visible()
    page.get_by_role("radio", name="5").check()
    for _ in range(3):
        page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Start").click()
    page.wait_for_timeout(300)
    expect(page.get_by_text("Breathe in", exact=True), "breathing works offline").to_be_visible()
    page.get_by_role("button", name="Stop").click()
    for _ in range(5):
        page.get_by_role("button", name="Skip this one").click()
    page.get_by_role("radio", name="3").check()
    page.get_by_label("Paced breathing").check()
    page.get_by_label("Anything else you want to remember about tonight").fill(
        "Sat on the stairs with no signal and breathed")
    page.get_by_role("button", name="Save to today's diary card").click()
    page.get_by_role("heading", name="Kept on this phone for now").wait_for()
    shot(page, "crisis-mode-offline-kept")
    assert CrisisEpisode.objects.filter(client=client).count() == before, "not sent yet"

    context.set_offline(False)
    page.goto(app.url + "/")
    page.locator("[data-crisis-synced]").wait_for()
    assert "now on your diary card" in page.locator("[data-crisis-synced]").inner_text()
    episode = CrisisEpisode.objects.filter(client=client).order_by("-started_at").first()
    assert CrisisEpisode.objects.filter(client=client).count() == before + 1
    assert (episode.urge_before, episode.urge_after, episode.helped) == (5, 3, ["breathing"])
    assert episode.note == "Sat on the stairs with no signal and breathed"
    assert page.evaluate("localStorage.getItem('between-crisis-pending')") is None
    page.reload()
    page.wait_for_timeout(500)
    assert CrisisEpisode.objects.filter(client=client).count() == before + 1, "sent once"
    context.close()


def _at_crisis_modes_last_step(app, browser):
    """The demo client, signed in on a phone, at the last step of crisis mode."""
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.goto(app.url + "/crisis-mode/")
    expect(page.get_by_text("Step 1 of 9")).to_be_visible()
    for _ in range(8):
        page.get_by_role("button", name="Skip this one").click()
    expect(page.get_by_text("Step 9 of 9")).to_be_visible()
    return User.objects.get(email="client@demo.between"), context, page


def test_a_pass_that_cant_get_through_though_the_phone_says_online_is_kept(app, browser):
    # Wifi with no way out: navigator.onLine says yes, and nothing reaches Between. The
    # pass must not end on the browser's error page; it waits on the phone, and once
    # Between answers it lands on the card, with the plan shown for what it says.
    client, context, page = _at_crisis_modes_last_step(app, browser)
    page.get_by_label("Anything else you want to remember about tonight").fill(
        "Nothing helped and I want to die tonight, everyone would be better off")
    context.route("**/healthz", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name="Save to today's diary card").click()
    expect(page.get_by_role("heading", name="Kept on this phone for now")).to_be_visible()
    assert page.url.endswith("/crisis-mode/"), "still on the page, not an error page"
    assert not CrisisEpisode.objects.filter(client=client).exists()
    kept = page.evaluate("JSON.parse(localStorage.getItem('between-crisis-pending'))")
    assert ["note", "Nothing helped and I want to die tonight, everyone would be better off"] \
        in kept[0]["fields"]

    context.unroute("**/healthz")
    page.goto(app.url + "/")
    expect(page.locator("[data-crisis-synced]")).to_contain_text("now on your diary card")
    expect(page.get_by_text("That sounds like a really hard day."),
           "what it says shows the plan at once").to_be_visible()
    expect(page.get_by_role("link", name="Open my safety plan")).to_be_visible()
    shot(page, "crisis-mode-kept-then-sent-with-plan")
    episode = CrisisEpisode.objects.get(client=client)
    assert episode.note.startswith("Nothing helped") and episode.risk_level != "none"
    page.goto(app.url + "/diary/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert not page.get_by_text("That sounds like a really hard day.").count(), "shown once"
    context.close()


def test_a_pass_whose_first_sending_fails_is_sent_on_a_later_try(app, browser):
    # Back in signal, but the first try drops: it is tried again while the page is open,
    # not left until some later page happens to be opened.
    client, context, page = _at_crisis_modes_last_step(app, browser)
    page.get_by_role("radio", name="2").check()
    context.route("**/healthz", lambda route: route.abort("internetdisconnected"))
    page.get_by_role("button", name="Save to today's diary card").click()
    expect(page.get_by_role("heading", name="Kept on this phone for now")).to_be_visible()
    context.unroute("**/healthz")

    tries = []

    def drop_the_first(route):
        tries.append(route.request.method)
        if len(tries) == 1:
            route.abort("connectionreset")
        else:
            route.continue_()

    context.route("**/crisis-mode/", drop_the_first)
    page.goto(app.url + "/")
    expect(page.locator("[data-crisis-synced]")).to_contain_text("now on your diary card",
                                                                 timeout=20_000)
    assert tries[:3] == ["GET", "GET", "POST"], tries
    assert CrisisEpisode.objects.get(client=client).urge_after == 2
    assert page.evaluate("localStorage.getItem('between-crisis-pending')") is None
    context.close()
