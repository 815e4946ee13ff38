"""What a client sees when they write something that suggests risk."""

import pytest
from playwright.sync_api import expect

from between.journal.models import Entry
from tests.browser.conftest import shot, sign_in, via_more

pytestmark = pytest.mark.browser


def test_journal_entry_that_suggests_risk_shows_the_plan_gently(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Journal")
    phone.get_by_role("link", name="Write something").click()
    phone.get_by_label("Write whatever you need to").fill(
        "Another awful night. Part of me wants to die and I'm so tired.")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("That sounds like a really hard day.")).to_be_visible()
    expect(phone.get_by_role("link", name="Open my safety plan")).to_be_visible()
    expect(phone.get_by_role("link", name="call 116 123")).to_be_visible()
    expect(phone.get_by_text("nobody else has been told"), "private stays private").to_be_visible()
    assert not phone.get_by_text("Your care team will see this").count()
    shot(phone, "journal-risk-prompt")
    entry = Entry.objects.order_by("-created_at").first()
    assert entry.body.startswith("Another awful night") and entry.risk_level == "ideation"


def test_venting_gets_no_prompt(app, phone):
    sign_in(phone, app.url, "client@demo.between")
    phone.goto(app.url + "/journal/new/")
    phone.get_by_label("Write whatever you need to").fill("This essay is killing me lol")
    phone.get_by_role("button", name="Save").click()
    expect(phone.get_by_text("Saved. It's yours.")).to_be_visible()
    assert not phone.get_by_text("That sounds like a really hard day.").count()
