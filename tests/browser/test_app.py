"""Between as an app on a phone: the tab bar, Today, More, and the install basics."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, shot, sign_in

pytestmark = pytest.mark.browser

TABS = {"Today": "/", "Diary": "/diary/", "Skills": "/skills/", "Plan": "/safety-plan/",
        "More": "/more/"}
UNDER_MORE = {"Journal": "/journal/", "Messages": "/messages/", "Sessions": "/sessions/",
              "Sharing": "/sharing/", "Who has seen my data": "/privacy/seen/",
              "Your data": "/privacy/data/", "Settings": "/settings/"}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_tab_bar_reaches_every_main_page(app, browser, javascript):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="en-GB", java_script_enabled=javascript)
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.wait_for_url(app.url + "/")
    bar = page.get_by_role("navigation", name="Main")
    for name, path in TABS.items():
        with page.expect_navigation():
            bar.get_by_role("link", name=name).click()
        assert page.url.startswith(app.url + path) and (path != "/" or
                                                         page.url == app.url + "/"), page.url
        current = bar.locator('[aria-current="page"]')
        assert current.count() == 1 and name in current.inner_text()
        # Fixed at the thumb, and never over the page's last words.
        box = bar.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"] + 1 and box["y"] > PHONE["height"] / 2
        expect(page.get_by_role("button", name="Quick exit")).to_be_visible()
        expect(page.get_by_role("link", name="Get help now").first).to_be_visible()
    for name, path in UNDER_MORE.items():
        bar.get_by_role("link", name="More").click()
        page.locator(".more-list").get_by_role("link", name=name).click()
        page.wait_for_url(app.url + path)
        assert bar.locator('[aria-current="page"]').inner_text().strip().endswith("More")
    page.goto(app.url + "/more/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    assert page.get_by_role("navigation", name="Main").count() == 0
    context.close()


def test_today_and_more_look_like_an_app(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    today = phone.locator("main").inner_text()
    assert "Today's diary card" in today
    shot(phone, "today")
    # The last thing on the page can be scrolled clear of the bar.
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    last = phone.locator("footer.bottom").bounding_box()
    bar = phone.get_by_role("navigation", name="Main").bounding_box()
    assert last["y"] + last["height"] <= bar["y"] + 1
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Diary").click()
    shot(phone, "diary-with-tabs")
    phone.get_by_role("navigation", name="Main").get_by_role("link", name="More").click()
    shot(phone, "more")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


def test_install_basics_are_served(app, phone):
    response = phone.request.get(app.url + "/manifest.webmanifest")
    manifest = response.json()
    assert manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert phone.request.get(app.url + icon["src"]).ok, icon["src"]
    phone.goto(app.url + "/crisis")
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    assert phone.evaluate("navigator.serviceWorker.controller !== null || "
                          "navigator.serviceWorker.getRegistration().then(r => !!r)")


def test_reminders_on_this_device_say_what_they_can(app, browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB", is_mobile=True,
                                  has_touch=True)
    context.grant_permissions(["notifications"])
    page = context.new_page()
    sign_in(page, app.url, "client@demo.between")
    page.wait_for_url(app.url + "/")
    page.goto(app.url + "/diary/card/")
    # Locator waits, not wait_for_function: polling a string would need eval, which the
    # page's Content-Security-Policy rightly refuses.
    status = page.locator("[data-push-status]")
    expect(status).to_have_text("This device doesn't show reminders.", timeout=15_000)
    page.get_by_role("button", name="Remind me on this device too").click()
    # No push service is reachable from here: the page says so, and that email still works.
    expect(status).to_contain_text("Email still works", timeout=30_000)
    shot(page, "reminder-settings")
    context.close()
