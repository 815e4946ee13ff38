"""The skills coach on a phone: from 'what's happening' to a practice on the card."""

import pytest
from playwright.sync_api import expect

from between.accounts.models import User
from between.diary.models import Card
from between.safety.services import client_today
from between.skills.models import ChainAnalysis, Practice
from tests.browser.conftest import shot, sign_in

pytestmark = pytest.mark.browser


def test_urge_to_self_harm_leads_to_tipp_with_the_timer_and_onto_the_card(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    phone.get_by_role("link", name="Skills", exact=True).click()
    phone.get_by_role("link", name="An urge to hurt myself, or to die").click()
    skills = phone.locator(".skill-list h2").all_inner_texts()
    assert skills[:3] == ["TIPP", "STOP", "Paced breathing"], "crisis survival first"
    shot(phone, "skills-urge")
    phone.get_by_role("button", name="Start TIPP now").click()
    phone.get_by_role("radio", name="4").check()
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("Temperature.")).to_be_visible()
    phone.get_by_role("button", name="Start the timer").click()
    phone.wait_for_timeout(2100)
    assert phone.locator("[data-timer-display]").inner_text() in ("0:28", "0:27")
    shot(phone, "skills-tipp-timer")
    for _ in range(4):
        phone.get_by_role("button", name="Next").click()
    phone.get_by_role("radio", name="2").check()
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_text("You did TIPP")).to_be_visible()
    phone.get_by_role("radio", name="4").check()
    phone.get_by_role("button", name="Save to my diary card").click()
    expect(phone.get_by_text("TIPP is on today's diary card")).to_be_visible()

    client = User.objects.get(email="client@demo.between")
    practice = Practice.objects.filter(client=client, skill="tipp").latest("created_at")
    assert practice.helped == 4 and practice.worksheet.data() == {"before": 4, "after": 2}
    phone.get_by_role("link", name="Diary", exact=True).click()
    phone.get_by_text("Distress tolerance").click()
    assert phone.get_by_label("TIPP").is_checked()
    assert "tipp" in Card.objects.get(client=client, day=client_today(client)).skills


def test_client_builds_a_dear_man_message(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    phone.goto(app.url + "/skills/dear_man/")
    phone.get_by_role("button", name="Start, step by step").click()
    answers = {"Who and what": "my therapist, about Tuesday",
               "Describe": "In Tuesday's session we ran out of time before my sister.",
               "Express": "I left feeling rushed and a bit unheard.",
               "Assert": "Could we take ten minutes at the start next time to talk about it?",
               "Reinforce": "I think it would help me get more from our sessions."}
    for label, text in answers.items():
        phone.get_by_label(label).fill(text)
        phone.get_by_role("button", name="Next").click()
    phone.get_by_role("button", name="Next").click()
    message = phone.get_by_label("Change it as you like").input_value()
    assert message.startswith("In Tuesday's session") and "ten minutes" in message
    shot(phone, "skills-dear-man")
    # It can go to the session's list as it stands, then to Sam as a message.
    phone.get_by_role("button", name="Bring it to my next session").click()
    expect(phone.get_by_text("It's on the list for your next session with Sam Rivera."))\
        .to_be_visible()
    expect(phone.locator(".agenda")).to_contain_text("ran out of time before my sister")
    shot(phone, "sessions-agenda")
    phone.go_back()
    phone.get_by_label("Change it as you like").fill(message + " Thank you.")
    phone.get_by_role("button", name="Send it as a message to Sam Rivera").click()
    expect(phone.get_by_text("Yours will be there for them from").or_(
        phone.get_by_text("in a check-in time now"))).to_be_visible()
    from between.care.models import Message

    sent = Message.objects.filter(client__email="client@demo.between").order_by("-sent_at")
    assert sent.first().body.replace("\r\n", "\n") == message + " Thank you."


def test_client_completes_a_chain_analysis_from_a_diary_day(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    phone.get_by_role("link", name="Diary", exact=True).click()
    phone.get_by_label("Self-harm").check()
    phone.get_by_role("button", name="Save today's card").click()
    phone.get_by_role("link", name="look at what led up to it").click()
    phone.get_by_label("What set it off").fill("An argument on the phone.")
    phone.get_by_label("Where a skill could have broken the chain").fill(
        "TIPP straight after the call.")
    phone.get_by_label("What I'll do differently next time").fill("Ice in the freezer.")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Saved. You can come back to it any time.")).to_be_visible()
    shot(phone, "skills-chain")
    client = User.objects.get(email="client@demo.between")
    chain = ChainAnalysis.objects.get(client=client, day=client_today(client))
    assert chain.data()["skill_points"] == "TIPP straight after the call."


def test_risky_words_in_a_worksheet_and_a_chain_show_the_plan_and_reach_the_clinician(
        app, phone, browser):
    """The two write paths that once stayed silent: a worksheet step and a chain."""
    from between.care.models import Flag
    from tests.browser.conftest import PHONE, outside_check_in_times, sign_in_clinician

    outside_check_in_times()
    sign_in(phone, app.url, "client@demo.between")
    phone.goto(app.url + "/skills/stop/")
    phone.get_by_role("button", name="Start, step by step").click()
    for _ in range(2):
        phone.get_by_role("button", name="Next").click()
    phone.get_by_label("What I notice").fill("I want to kill myself tonight.")
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_role("heading", name="That sounds like a really hard day.")).to_be_visible()
    expect(phone.get_by_role("link", name="Open my safety plan").first).to_be_visible()
    # Urgent, and outside Sam's check-in time: the demo clinic's duty clinician hears.
    expect(phone.get_by_text("Demo Clinic's duty clinician is being told now")).to_be_visible()
    expect(phone.get_by_text("not your words")).to_be_visible()
    shot(phone, "worksheet-risk-prompt")
    phone.get_by_role("button", name="Next").click()
    expect(phone.get_by_role("heading", name="That sounds like a really hard day.")).to_be_visible()
    assert phone.get_by_text("Well done").count() == 0

    phone.get_by_role("link", name="Diary", exact=True).click()
    phone.get_by_label("Self-harm").check()
    phone.get_by_role("button", name="Save today's card").click()
    phone.get_by_role("link", name="look at what led up to it").click()
    phone.get_by_label("The behaviour itself, in plain words").fill(
        "Cut my arm twice with a razor in the bathroom.")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_role("heading", name="That sounds like a really hard day.")).to_be_visible()
    shot(phone, "chain-risk-prompt")

    client = User.objects.get(email="client@demo.between")
    summaries = list(Flag.objects.filter(client=client, source="screening")
                     .values_list("summary", flat=True))
    assert any("Skills worksheet" in s for s in summaries)
    assert any("Chain analysis" in s for s in summaries)
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    sign_in_clinician(page, app.url)
    page.goto(f"{app.url}/care/clients/{client.pk}/")
    body = page.content()
    assert "Chain analysis" in body and "Skills worksheet" in body
    assert "Cut my arm twice with a razor" in body, "the chain's excerpt, within consent"
    shot(page, "clinician-sees-worksheet-and-chain-flags")
    context.close()
