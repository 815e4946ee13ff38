"""Parts on a phone: a co-front in two taps, lost time written afterwards, parts picked on
the diary card, and the clinician's week, seen only with the `parts` scope."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from between.accounts.models import CareLink, User
from between.accounts.services import share_scopes
from between.diary.models import Card
from between.parts.models import Front, Part
from tests.browser.conftest import PHONE, shot, sign_in, sign_in_clinician, via_more

pytestmark = pytest.mark.browser


def _add_part(page, name: str, pronouns: str) -> None:
    page.get_by_role("link", name="Add a part").click()
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Pronouns (optional)").fill(pronouns)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("link", name=f"{name} ({pronouns})")).to_be_visible()


def test_a_co_front_lost_time_and_the_diary_picker_reach_the_clinician_with_the_scope(
        app, phone, browser):
    client = User.objects.get(email="client@demo.between")
    link = CareLink.objects.get(client=client, clinician__email="clinician@demo.between")
    share_scopes(link, set(link.scopes()) - {"parts"}, actor=client)

    sign_in(phone, app.url, "client@demo.between")
    expect(phone.get_by_text("Who's here?")).to_have_count(0)  # nothing suggests parts
    via_more(phone, "Parts")
    expect(phone.get_by_text("If you have parts, or are plural")).to_be_visible()
    _add_part(phone, "Ash", "they/them")
    _add_part(phone, "Kit", "she/her")

    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    phone.get_by_role("checkbox", name="Ash").check()
    phone.get_by_role("checkbox", name="Kit").check()
    shot(phone, "parts-today")
    phone.get_by_role("button", name="That's who's here").click()
    expect(phone.get_by_text("Here now: Ash and Kit, since")).to_be_visible()
    co_front = Front.objects.get(client=client)
    assert {p.name for p in co_front.fronting.all()} == {"Ash", "Kit"}
    shot(phone, "parts-co-front")

    tz = ZoneInfo(client.time_zone)
    yesterday = timezone.localtime(timezone.now(), tz).date() - timedelta(days=1)
    phone.get_by_role("link", name="Note lost time, or who was here earlier").click()
    phone.get_by_label("Lost time").check()
    phone.get_by_label("From").fill(f"{yesterday}T14:00")
    phone.get_by_label("Until (leave empty if it's still going on)").fill(f"{yesterday}T18:00")
    phone.get_by_label("The times are roughly right").check()
    phone.get_by_label("What happened, or what set it off (optional)").fill(
        "Came to on the bus home. The shop was very loud.")
    phone.get_by_label("Share this note with my clinician").check()
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_role("heading", name="A moment to land, if it helps")).to_be_visible()
    expect(phone.get_by_role("link", name="5-4-3-2-1 grounding")).to_be_visible()
    lost = Front.objects.get(client=client, kind="lost")
    assert lost.ended_at - lost.started_at == timedelta(hours=4) and lost.approximate
    assert timezone.localtime(lost.started_at, tz).hour == 14
    shot(phone, "parts-lost-time-grounding")

    phone.get_by_role("navigation", name="Main").get_by_role("link", name="Diary").click()
    # Ash is on two tick lists here: who was present, and who wrote the note.
    phone.get_by_role("group", name="Who was present today (optional)").get_by_role(
        "checkbox", name="Ash").check()
    phone.get_by_label("Anyone else, or in your own words (optional)").fill("my sister")
    phone.get_by_role("button", name="Save today's card").click()
    expect(phone.get_by_text("Saved. Thank you for filling it in.")).to_be_visible()
    assert Card.objects.filter(client=client).latest("day").present == "Ash, my sister"

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = context.new_page()
    sign_in_clinician(cp, app.url)
    cp.goto(f"{app.url}/care/clients/{client.pk}/")
    expect(cp.get_by_role("link", name="the week's front log")).to_have_count(0)
    cp.goto(f"{app.url}/care/clients/{client.pk}/parts/")
    expect(cp.get_by_text("Ash")).to_have_count(0)

    share_scopes(link, set(link.scopes()) | {"parts"}, actor=client)
    cp.goto(f"{app.url}/care/clients/{client.pk}/")
    cp.get_by_role("link", name="the week's front log").click()
    expect(cp.get_by_role("heading", name="Parts: the last seven days")).to_be_visible()
    expect(cp.get_by_text("Ash and Kit").first).to_be_visible()
    expect(cp.get_by_text("4 hours", exact=True)).to_be_visible()  # lost time
    expect(cp.get_by_text("The shop was very loud.")).to_be_visible()
    shot(cp, "parts-clinician-week")
    context.close()
    assert Part.objects.filter(client=client).count() == 2


def test_the_demo_clinician_sees_jordans_week_without_what_is_private(app, browser):
    jordan = User.objects.get(email="client2@demo.between")
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.goto(f"{app.url}/care/clients/{jordan.pk}/")
    page.get_by_role("link", name="the week's front log").click()
    expect(page.get_by_text("2 hours 30 minutes", exact=True)).to_be_visible()  # lost time
    expect(page.get_by_text("There was a dog barking.")).to_be_visible()
    expect(page.get_by_text("Steps in when someone feels unsafe.")).to_be_visible()
    expect(page.get_by_text("Space. No questions.")).to_have_count(0)  # kept private
    shot(page, "parts-demo-clinician")
    context.close()
