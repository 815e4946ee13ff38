"""Questionnaires as both sides use them: asked for, filled on a phone, scored, flagged."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from between.accounts.models import User
from between.care.models import Flag
from between.measures import library
from between.measures.models import Assignment, Response
from tests.browser.conftest import PHONE, shot, sign_in, sign_in_clinician, via_more

pytestmark = pytest.mark.browser


def _answer(page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_phq9_asked_weekly_answered_with_item_9_flags_and_shows_the_plan(app, phone,
                                                                          browser):
    client = User.objects.get(email="client@demo.between")
    phq9 = library.get("phq9")
    earlier = {**{str(n): 2 for n in range(1, 10)}, "9": 0, "difficulty": 2}
    Response.objects.create(client=client, measure="phq9", answers=earlier,
                            started_at=timezone.now() - timedelta(days=9),
                            completed_at=timezone.now() - timedelta(days=9),
                            total=phq9.score(earlier).total, band=phq9.score(earlier).band)

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = context.new_page()
    sign_in_clinician(cp, app.url)
    cp.goto(f"{app.url}/care/clients/{client.pk}/")
    cp.get_by_role("link", name="scores, and asking for one").click()
    cp.get_by_label("Questionnaire").select_option("phq9")
    cp.get_by_label("How often").select_option("weekly")
    cp.get_by_role("button", name="Ask them").click()
    expect(cp.get_by_text("Asked. Alex Morgan will see PHQ-9")).to_be_visible()
    assert Assignment.objects.active().filter(client=client, measure="phq9",
                                              schedule="weekly").count() == 1

    sign_in(phone, app.url, "client@demo.between")
    expect(phone.get_by_text("PHQ-9 to fill in")).to_be_visible()
    via_more(phone, "Questionnaires")
    phone.get_by_role("region", name="Asked for now").locator("form").filter(
        has_text="PHQ-9").get_by_role("button", name="Start").click()
    expect(phone.get_by_text("Screen 1 of 4")).to_be_visible()
    shot(phone, "measure-screen-1")
    for n in range(1, 4):
        _answer(phone, phq9.items[n - 1].text, "Several days")
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("Screen 2 of 4")).to_be_visible()
    for n in range(4, 7):
        _answer(phone, phq9.items[n - 1].text, "Several days")
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("Screen 3 of 4")).to_be_visible()
    expect(phone.get_by_text("Nobody reads answers as they come in")).to_be_visible()
    for n in range(7, 10):
        _answer(phone, phq9.items[n - 1].text, "Several days")
    phone.get_by_role("button", name="Next").click()

    # The plan shows on this save, before the questionnaire is even finished.
    expect(phone.get_by_text("That sounds like a really hard day.")).to_be_visible()
    expect(phone.get_by_text("Thank you for answering that one.")).to_be_visible()
    expect(phone.get_by_text("Your care team will see this at their next check-in")
           ).to_be_visible()
    expect(phone.get_by_role("link", name="Open my safety plan")).to_be_visible()
    expect(phone.get_by_text("Screen 4 of 4")).to_be_visible()
    shot(phone, "measure-item-9-prompt")
    flag = Flag.objects.get(client=client, source="measure")
    assert "PHQ-9" in flag.summary and "item 9 answered “Several days”" in flag.summary

    _answer(phone, phq9.items[9].text, "Somewhat difficult")
    phone.get_by_role("button", name="Finish").click()
    expect(phone.get_by_text("Your score is 9 out of 27")).to_be_visible()
    expect(phone.get_by_text("in the range called “Mild”")).to_be_visible()
    expect(phone.get_by_text("come down by 7")).to_be_visible()
    shot(phone, "measure-result")
    done = Response.objects.get(client=client, measure="phq9", completed_at__gt=timezone.now()
                                - timedelta(hours=1))
    assert done.total == 9 and done.band == "Mild" and done.risk_items == ["9"]

    cp.reload()
    shot(cp, "measure-clinician-scores")
    section = cp.get_by_role("region", name="PHQ-9")
    expect(section.get_by_role("cell", name="9 of 27")).to_be_visible()
    expect(section.get_by_role("cell", name="Mild")).to_be_visible()
    expect(section.get_by_text("-7, reliably better")).to_be_visible()
    expect(section.get_by_text("Safety item answered: 9")).to_be_visible()
    cp.goto(f"{app.url}/care/clients/{client.pk}/")
    expect(cp.get_by_text("item 9 answered “Several days”")).to_be_visible()
    shot(cp, "measure-clinician")
    context.close()


def test_stopping_halfway_keeps_the_answers_and_carries_on_there(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Questionnaires")
    gad7 = library.get("gad7")
    phone.get_by_role("button", name="Start").first.click()
    _answer(phone, gad7.items[0].text, "Not at all")
    _answer(phone, gad7.items[1].text, "Leave this one out")
    phone.get_by_role("button", name="Save and stop for now").click()
    expect(phone.get_by_text("It's here for when you want to carry on.")).to_be_visible()
    expect(phone.get_by_role("button", name="Carry on")).to_be_visible()
    response = Response.objects.get(measure="gad7", completed_at__isnull=True)
    assert response.answers == {"1": 0, "2": None}

    phone.get_by_role("button", name="Carry on").click()
    expect(phone.get_by_text("Screen 1 of 3")).to_be_visible()
    expect(phone.get_by_role("group", name=gad7.items[0].text).get_by_label(
        "Not at all", exact=True)).to_be_checked()
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("Question 3: choose an answer, or leave this one out.")
           ).to_be_visible()
    shot(phone, "measure-missing-answer")
