"""A circle in four browsers: a moderator sets it up and offers places; members join
under names they choose; a kind post goes up at once; a phone number waits; a risky post
shows its writer their plan and waits for the moderator first; three reports hold a
post; and a hidden post tells its writer why."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from between.accounts.models import User
from between.accounts.services import link_client
from between.circles import services
from between.circles.models import Circle, Member, Post
from tests.browser.conftest import PHONE, shot, sign_in, sign_in_clinician, via_more
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1366, "height": 768}
KIND = "Tried the cold water thing after a rough call with my mum. It really helped."
RISKY = "I've been saving my tablets all week and I think tonight is the night."
HOSTILE = "Honestly you lot are pathetic, moaning all the time."


def _phone(browser):
    return browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True,
                               has_touch=True, locale="en-GB").new_page()


def _join(page, base, circle_name: str, name: str) -> None:
    via_more(page, "Circles")
    section = page.locator("section.panel", has_text=circle_name)
    section.get_by_label("The name you'd like to be known by here").fill(name)
    section.get_by_role("button", name="Join").click()
    expect(page.get_by_text(f"Welcome. You're in {circle_name} as {name}.")).to_be_visible()


def _post(page, text: str) -> None:
    page.get_by_text("Write a post").click()
    page.get_by_label("What would you like to say?").fill(text)
    page.get_by_role("button", name="Post", exact=True).click()


def test_a_circle_with_three_members_and_a_moderator(app, browser):
    base = app.url
    clinician = User.objects.get(email="clinician@demo.between")
    third = UserFactory(display_name="Casey Park", email="casey@example.org")
    fourth = UserFactory(display_name="Dee Shah")
    for person in (third, fourth):
        link_client(person, clinician, set())

    desk = browser.new_context(viewport=DESKTOP, locale="en-GB").new_page()
    sign_in_clinician(desk, base)
    desk.get_by_role("link", name="Circles", exact=True).click()
    expect(desk.get_by_role("link", name="Thursday skills group")).to_be_visible()  # demo
    desk.get_by_text("Set up a circle").click()
    desk.get_by_label("Name").fill("Tuesday skills group")
    desk.get_by_label("When a moderator reads held posts").fill("Tue 09:00-10:00")
    desk.get_by_role("button", name="Set it up").click()
    expect(desk.get_by_text("Circle set up.")).to_be_visible()
    for name in ("Alex Morgan", "Jordan Lee", "Casey Park"):
        desk.get_by_label("Offer a place to").select_option(label=name)
        desk.get_by_role("button", name="Offer a place").click()
        expect(desk.get_by_text(f"Offered a place to {name}.")).to_be_visible()
    circle = Circle.objects.get(name="Tuesday skills group")
    assert set(circle.members.values_list("status", flat=True)) == {"invited"}
    services.join(services.invite(clinician, circle, fourth), "Dee")

    alex = _phone(browser)
    sign_in(alex, base, "client@demo.between")
    alex.wait_for_url(base + "/")
    _join(alex, base, "Tuesday skills group", "Robin")
    _post(alex, KIND)
    expect(alex.get_by_text("Posted.")).to_be_visible()
    expect(alex.locator(".circle-post").first).to_contain_text("cold water thing")

    jordan = _phone(browser)
    sign_in(jordan, base, "client2@demo.between")
    jordan.wait_for_url(base + "/")
    _join(jordan, base, "Tuesday skills group", "Sam")
    kind_post = jordan.locator(".circle-post", has_text="cold water thing")
    expect(kind_post).to_contain_text("Robin")
    expect(jordan.get_by_text("Alex Morgan")).to_have_count(0)
    kind_post.get_by_role("button", name="With you").click()
    expect(jordan.locator(".circle-post", has_text="cold water thing")).to_contain_text(
        "With you: you")

    _post(jordan, "If anyone wants to chat outside here my number is 07700 900461")
    expect(jordan.get_by_text("can't carry a phone number")).to_be_visible()
    expect(jordan.get_by_test_id("held")).to_contain_text("contact details")
    assert Post.objects.get(body__isnull=False, member__display_name="Sam").status == "held"

    _post(alex, RISKY)
    expect(alex.get_by_role("heading", name="Thank you for sharing this.")).to_be_visible()
    expect(alex.get_by_role("link", name="Open my safety plan")).to_be_visible()
    expect(alex.get_by_text("A moderator will read it")).to_be_visible()
    expect(alex.get_by_text("before anyone else in the circle sees it")).to_be_visible()
    expect(alex.get_by_test_id("held").first).to_be_visible()
    assert alex.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(alex, "circle-risky-post-phone")
    jordan.reload()
    expect(jordan.get_by_text("saving my tablets")).to_have_count(0)

    casey = _phone(browser)
    sign_in(casey, base, "casey@example.org", PASSWORD)
    casey.wait_for_url(base + "/")
    _join(casey, base, "Tuesday skills group", "Kit")
    _post(casey, HOSTILE)
    expect(casey.get_by_text("Posted.")).to_be_visible()
    for page in (alex, jordan):
        page.reload()
        page.locator(".circle-post", has_text="pathetic").get_by_role(
            "button", name="Ask a moderator to look").click()
        expect(page.get_by_text("Thank you for telling us.")).to_be_visible()
    hostile = Post.objects.get(member__display_name="Kit")
    assert hostile.status == "published"
    services.report(Member.objects.get(display_name="Dee"), hostile)
    hostile.refresh_from_db()
    assert hostile.status == "held" and hostile.held_for == ["reports"]
    jordan.reload()
    expect(jordan.get_by_text("pathetic")).to_have_count(0)
    shot(jordan, "circle-feed-phone")

    desk.get_by_role("link", name="Check-in", exact=True).click()
    waiting = desk.get_by_test_id("circles-digest")
    expect(waiting).to_contain_text("Tuesday skills group: 3 posts waiting; the most at risk:")
    expect(waiting).not_to_contain_text("tablets")  # counts, never words
    desk.get_by_role("link", name="Circles 3 waiting", exact=True).click()
    desk.get_by_role("link", name="Held posts: 3 waiting").click()
    held = desk.locator("article")
    expect(held).to_have_count(3)
    expect(held.first).to_contain_text("saving my tablets")  # the most at risk first
    expect(held.first).to_contain_text("Robin")
    expect(held.nth(1)).to_contain_text("contact details")
    expect(held.nth(2)).to_contain_text("Several members asked a moderator to look")
    expect(held.nth(2)).to_contain_text("(3 reports)")
    shot(desk, "circle-held-desktop")
    held.nth(2).get_by_role("link", name="Read and decide").click()
    desk.get_by_label("Hide it").check()
    desk.get_by_label("Reason, for the person who wrote it").fill(
        "Some people here found this hurtful. I'd like to talk it through on Tuesday.")
    desk.get_by_role("button", name="Decide").click()
    expect(desk.get_by_text("Hidden. The writer sees your reason.")).to_be_visible()
    hostile.refresh_from_db()
    assert hostile.status == "hidden" and hostile.decided_by == clinician
    assert hostile.decided_at <= timezone.now()

    casey.reload()
    mine = casey.locator(".circle-post", has_text="pathetic")
    expect(mine).to_contain_text("A moderator hid this from the circle. Only you can see it.")
    expect(mine).to_contain_text("Some people here found this hurtful.")
    shot(casey, "circle-hidden-post-phone")
    small = desk.context.new_page()  # the same signing-in: a code can't be used twice
    small.set_viewport_size(PHONE)
    small.goto(f"{base}/care/circles/{circle.pk}/")
    expect(small.get_by_role("heading", name="Tuesday skills group")).to_be_visible()
    assert small.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(small, "circle-moderator-phone")
    small.goto(f"{base}/care/digest/")
    expect(small.get_by_test_id("circles-digest")).to_contain_text("2 posts waiting")
    shot(small, "circle-check-in-phone")
    for page in (alex, jordan, casey):
        page.context.close()
    desk.context.close()


def test_words_being_written_in_a_folded_post_form_come_back_open(app, browser):
    """Never lose a word: a half-written post survives a reload (a dropped signal, a
    closed tab) and the folded "Write a post" opens to show it."""
    base = app.url
    page = _phone(browser)
    sign_in(page, base, "client2@demo.between")  # Jordan, in the demo circle as Jay
    page.wait_for_url(base + "/")
    via_more(page, "Circles")
    page.get_by_role("link", name="Thursday skills group").click()
    page.get_by_text("Write a post").click()
    words = "Half way through writing this when the bus went into the tunnel. " * 3
    page.get_by_label("What would you like to say?").fill(words)
    page.wait_for_timeout(2500)  # the page keeps a draft 1.2 s after the last key
    page.reload()
    expect(page.get_by_text("We kept what you were writing")).to_be_visible()
    expect(page.get_by_label("What would you like to say?")).to_have_value(words)
    shot(page, "circle-draft-back-phone")
    page.context.close()


def test_a_peer_worker_moderates_the_demo_circle_on_a_phone(app, browser):
    """The demo's peer worker lands on Circles, sees what waits, reads a risky post by its
    circle name only, and posts it with a content warning. No client's records are theirs."""
    base = app.url
    jay = Member.objects.get(display_name="Jay")
    held = services.write(jay, body=RISKY).post
    assert held.status == "held"
    page = _phone(browser)
    sign_in_clinician(page, base, "peer@demo.between")
    page.wait_for_url("**/care/circles/")
    expect(page.get_by_role("heading", name="Circles", exact=True)).to_be_visible()
    expect(page.get_by_text("Set up a circle")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link")).to_have_text(["Circles 1 waiting", "Settings"])
    page.get_by_role("link", name="Held posts: 1 waiting").click()
    page.get_by_role("link", name="Read and decide").click()
    expect(page.get_by_text("saving my tablets")).to_be_visible()
    expect(page.get_by_text("By Jay,")).to_be_visible()
    expect(page.get_by_text("Jordan Lee")).to_have_count(0)
    expect(page.get_by_text("Tell a clinician who moderates this circle")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "circle-peer-worker-phone")
    page.get_by_label("Content warning").fill("thoughts of ending things")
    page.get_by_role("button", name="Decide").click()
    expect(page.get_by_text("Posted.")).to_be_visible()
    held.refresh_from_db()
    assert held.status == "published" and held.decided_by.email == "peer@demo.between"
    assert held.text("warning") == "thoughts of ending things"
    assert page.goto(f"{base}/care/").status == 404  # the caseload is not theirs
    page.context.close()


def test_after_leaving_a_member_deletes_a_post_without_coming_back(app, browser):
    base = app.url
    page = _phone(browser)
    sign_in(page, base, "client2@demo.between")  # Jordan, "Jay" in the demo circle
    page.wait_for_url(base + "/")
    via_more(page, "Circles")
    page.get_by_role("link", name="Thursday skills group").click()
    page.get_by_role("button", name="Leave this circle").click()
    via_more(page, "Circles")
    page.get_by_text("What you wrote there (2)").click()
    mine = page.get_by_test_id("left-posts")
    expect(mine).to_contain_text("bringing the biscuits")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "circle-left-posts-phone")
    mine.get_by_role("listitem").filter(has_text="biscuits").get_by_role(
        "link", name="Delete").click()
    expect(page.get_by_role("heading", name="Delete this circle post?")).to_be_visible()
    page.get_by_role("button", name="Delete it").click()
    expect(page.get_by_text("That circle post is deleted.")).to_be_visible()
    assert not Post.objects.filter(member__display_name="Jay",
                                   circle__name="Thursday skills group").filter(
        parent__isnull=True).exists()
    assert Member.objects.get(display_name="Jay").status == "left"
    page.get_by_text("What you wrote there (1)").click()
    expect(page.get_by_test_id("left-posts")).not_to_contain_text("biscuits")
    page.context.close()


def test_a_colleague_takes_on_a_circle_whose_moderators_have_all_left(app, browser):
    """Sam and Kai both stop working in Between. Jay's risky post must not wait for
    nobody: Jay is told nobody will read it yet, and Nia, a clinician in the same clinic,
    sees the circle on her check-in page and takes it on in one tap."""
    from between.clinic import services as clinic_services
    from tests.conftest import totp_now
    from tests.factories import ClinicianFactory

    base = app.url
    jay = Member.objects.get(display_name="Jay")
    circle = jay.circle
    held = services.write(jay, body=RISKY).post
    admin = User.objects.get(email="admin@demo.between")
    for moderator in list(circle.moderators.all()):
        clinic_services.deactivate(moderator, actor=admin)
    nia = ClinicianFactory(clinic=admin.clinic, display_name="Nia Okafor",
                           email="nia@demo.between")

    page = _phone(browser)
    sign_in(page, base, jay.client.email)
    page.goto(f"{base}/circles/{circle.pk}/")
    expect(page.get_by_text("read held posts once someone at the clinic takes it on")
           ).to_be_visible()
    page.context.close()

    page = _phone(browser)
    sign_in(page, base, "nia@demo.between", PASSWORD)
    page.get_by_label("6-digit code from your authenticator app").fill(totp_now(nia))
    page.get_by_role("button", name="Continue").click()
    page.goto(f"{base}/care/digest/")
    panel = page.get_by_test_id("circles-unmoderated")
    expect(panel).to_contain_text(f"{circle.name} (held posts there have nobody to read "
                                  "them): the clinicians who moderated it no longer work")
    shot(page, "circle-nobody-moderating-check-in")
    panel.get_by_role("link", name="Take it on under Circles").click()
    expect(page.get_by_role("heading", name="No clinician moderating")).to_be_visible()
    shot(page, "circle-no-clinician-moderating")
    page.get_by_role("button", name=f"Moderate {circle.name}").click()
    expect(page.get_by_text(f"You moderate {circle.name} now.")).to_be_visible()
    assert list(circle.moderators.filter(is_active=True)) == [nia]
    page.get_by_role("link", name="Held posts").click()
    page.get_by_role("link", name="Read and decide").click()
    expect(page.get_by_text("saving my tablets")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    held.refresh_from_db()
    assert held.status == "held", "waiting for Nia's decision, not lost"
    page.context.close()
