"""The diary card as a client fills it in on a phone, and as their clinician reads it."""


import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from between.accounts.models import User
from between.care.models import Flag
from between.diary.models import Card
from between.safety.services import client_today
from tests.browser.conftest import PHONE, shot, sign_in, sign_in_clinician

pytestmark = pytest.mark.browser

# A practised client's full card: every urge and emotion rated, a behaviour, skills,
# medication, sleep and a note. Each entry is one tap or one typed field.
URGES = {"Urge to die": "3", "Urge to self-harm": "2", "Urge to use substances": "0",
         "Urge to quit therapy": "1"}
EMOTIONS = {"Sadness": "4", "Shame": "2", "Anger": "1", "Fear": "3", "Joy": "1",
            "Guilt": "2", "Loneliness": "4", "Emptiness": "3"}


def test_client_fills_a_full_card_in_under_a_minute_and_clinician_sees_it(app, phone,
                                                                         browser):
    sign_in(phone, app.url, "client@demo.between")
    interactions = 0

    def tap(locator):
        nonlocal interactions
        locator.click()
        interactions += 1

    def type_in(locator, text):
        nonlocal interactions
        locator.fill(text)
        interactions += 1

    tap(phone.get_by_role("link", name="Diary", exact=True))
    for label, value in URGES.items():
        tap(phone.get_by_role("group", name=label).get_by_role("radio", name=value))
    tap(phone.get_by_label("Went outside"))
    for label, value in EMOTIONS.items():
        tap(phone.get_by_role("group", name=label).get_by_role("radio", name=value))
    tap(phone.get_by_role("group", name="How I used skills today").get_by_role("radio",
                                                                              name="5"))
    tap(phone.get_by_text("Distress tolerance"))
    tap(phone.get_by_label("TIPP"))
    tap(phone.get_by_role("group", name="Took my medication as prescribed").get_by_label("Yes"))
    type_in(phone.get_by_label("Hours of sleep"), "6.5")
    type_in(phone.get_by_label("Anything else about today"), "Hard evening, rang Priya.")
    shot(phone, "diary-entry-filled")
    tap(phone.get_by_role("button", name="Save today's card"))

    # 4 urges + 1 behaviour + 8 emotions + rating + open module + skill + meds + sleep
    # + note + save = 21 interactions: at about two seconds each, well under a minute.
    assert interactions <= 25, interactions
    expect(phone.get_by_text("That sounds like a really hard day.")).to_be_visible()
    expect(phone.get_by_role("link", name="Open my safety plan")).to_be_visible()
    shot(phone, "diary-safety-prompt")

    client = User.objects.get(email="client@demo.between")
    card = Card.objects.get(client=client, day=client_today(client))
    assert card.urges["to_die"] == 3 and card.emotions["loneliness"] == 4
    assert "tipp" in card.skills and float(card.sleep_hours) == 6.5
    assert card.note == "Hard evening, rang Priya."
    flag = Flag.objects.filter(client=client, acknowledged_at__isnull=True).order_by(
        "-created_at").first()
    assert "Urge to die rated 3" in flag.summary

    phone.get_by_role("link", name="See the week").click()
    grid = phone.locator("table.week-grid")
    assert "Urge to die" in grid.inner_text()
    expect(phone.get_by_text("Hard evening, rang Priya.")).to_be_visible()
    shot(phone, "diary-week")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download as PDF").click()
    text = PdfReader(download.value.path()).pages[0].extract_text()
    assert "Urge to die" in text and "TIPP" in text

    phone.goto(app.url + "/diary/trends/?weeks=12")
    assert phone.locator("svg.chart").count() == 14
    shot(phone, "diary-trends")

    other = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = other.new_page()
    sign_in_clinician(cp, app.url)
    cp.get_by_role("link", name="Alex Morgan").click()
    expect(cp.get_by_text("Urge to die rated 3").first).to_be_visible()
    shot(cp, "clinician-client-flags")
    cp.get_by_role("link", name="this week's card").click()
    assert "Hard evening, rang Priya." in cp.content()
    shot(cp, "clinician-diary-week")
    other.close()


def test_a_commitment_made_with_the_offered_date_and_a_past_day_named_truly(app, phone):
    """The picker's own default date is accepted; on yesterday's card, the note and the
    Save button speak of yesterday, and the chain link is for that behaviour."""
    from datetime import timedelta

    from between.accounts.models import User
    from between.diary.models import Commitment
    from between.diary.services import CardInput, record_card
    from between.safety.services import client_today

    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    client = User.objects.get(email="client@demo.between")
    Commitment.objects.filter(client=client).delete()
    phone.goto(app.url + "/diary/card/")
    picker = phone.get_by_label("Starting from")
    assert picker.input_value() == client_today(client).isoformat(), "ISO, so the picker shows it"
    phone.get_by_label("Behaviour:", exact=True).select_option(label="Self-harm")
    phone.get_by_role("button", name="Make a commitment").click()
    expect(phone.get_by_text("Your commitment is on your card.")).to_be_visible()
    assert Commitment.objects.get(client=client).started_on == client_today(client)

    yesterday = client_today(client) - timedelta(days=1)
    Commitment.objects.filter(client=client).update(started_on=yesterday - timedelta(days=3))
    record_card(client, yesterday, CardInput(behaviours={"self_harm": {"done": True}}))
    phone.goto(f"{app.url}/diary/day/{yesterday}/")
    expect(phone.get_by_text(f"This happened on {yesterday:%A}.")).to_be_visible()
    expect(phone.get_by_role("button", name=f"Save {yesterday:%A}'s card")).to_be_visible()
    assert phone.get_by_role("button", name="Save today's card").count() == 0
    link = phone.get_by_role("link", name="look at what led up to it")
    assert link.get_attribute("href") == f"/diary/day/{yesterday}/chain/?behaviour=self_harm"
    shot(phone, "diary-past-day-commitment")


def test_an_item_of_their_own_is_on_the_card_and_its_name_stays_sealed(app, phone, browser):
    """A client names a behaviour of their own on a phone, logs it, and sees their plan
    offered; the clinician's digest names it; no column holds the name in the clear."""
    from django.db import connection

    from between.diary.models import CardItem

    sign_in(phone, app.url, "client@demo.between")
    phone.wait_for_url(app.url + "/")
    client = User.objects.get(email="client@demo.between")
    phone.goto(app.url + "/diary/card/")
    phone.get_by_label("What kind of item").select_option(label="Target behaviour")
    phone.get_by_label("Name").fill("Purging")
    phone.get_by_label("For a behaviour: I want to").select_option(label="Do less of")
    phone.get_by_label("Unit for the amount (optional)").fill("times")
    phone.get_by_label("If I log this, show me my safety plan and tell my care team").check()
    phone.get_by_role("button", name="Add to my card").click()
    item = CardItem.objects.get(client=client, slug__startswith="own_")
    assert item.label == "Purging"

    phone.goto(f"{app.url}/diary/day/{client_today(client)}/")
    phone.get_by_label("Purging", exact=True).check()
    phone.get_by_label("How much (times)").fill("2")
    shot(phone, "diary-own-item")
    phone.get_by_role("button", name="Save today's card").click()
    expect(phone.get_by_text("That sounds like a really hard day.")).to_be_visible()
    assert Card.objects.get(client=client, day=client_today(client)).behaviours[item.slug] == {
        "done": True, "amount": 2}

    staff = browser.new_page(viewport=PHONE)
    sign_in_clinician(staff, app.url)
    staff.goto(app.url + "/care/digest/")
    expect(staff.get_by_text("one of their own card items logged: “Purging logged”")
           ).to_be_visible()
    staff.close()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - names from introspection
            assert "Purging" not in repr(cursor.fetchall()), table
