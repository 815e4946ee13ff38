"""Your data, on a phone: take a copy, delete an entry, close the account and keep it."""

import io
import json
import zipfile

import pytest
from playwright.sync_api import expect

from between.accounts.models import User
from between.journal.models import Entry
from tests.browser.conftest import shot, sign_in, via_more

pytestmark = pytest.mark.browser


def test_export_delete_and_close_on_a_phone(app, phone):
    page = phone
    client = User.objects.get(email="client@demo.between")
    entries_before = Entry.objects.filter(client=client).count()
    assert entries_before >= 2
    sign_in(page, app.url, "client@demo.between")
    page.wait_for_url(app.url + "/")

    # Take a copy, from Settings.
    via_more(page, "Settings")
    page.get_by_role("link", name="Your data").click()
    page.wait_for_url("**/privacy/data/")
    shot(page, "your-data")
    page.get_by_role("button", name="Make a copy of my data").click()
    page.get_by_text("Your copy is ready to download.").wait_for()
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Download your copy").click()
    with zipfile.ZipFile(io.BytesIO(open(waiting.value.path(), "rb").read())) as z:
        exported = json.loads(z.read("export.json"))
    assert len(exported["records"]["journal.Entry"]) == entries_before
    page.goto(app.url + "/privacy/data/")
    expect(page.get_by_role("button", name="Make a copy of my data"),
           "once downloaded, the copy is gone and a new one can be made").to_be_visible()

    # Read everything.
    page.get_by_role("link", name="Everything you've written").click()
    first = Entry.objects.filter(client=client).order_by("created_at").first()
    assert first.body.splitlines()[0] in page.inner_text("main")
    shot(page, "everything")

    # Delete a journal entry.
    page.goto(app.url + f"/journal/{first.pk}/")
    page.get_by_role("link", name="Delete this entry").click()
    page.get_by_role("heading", name="Delete this journal entry?").wait_for()
    shot(page, "delete-entry")
    page.get_by_role("button", name="Delete it").click()
    page.get_by_text("That journal entry is deleted.").wait_for()
    assert Entry.objects.filter(client=client).count() == entries_before - 1
    assert not Entry.objects.filter(pk=first.pk).exists()

    # Close the account: a wrong password changes nothing; the right one starts the wait.
    page.goto(app.url + "/privacy/data/")
    page.get_by_role("link", name="Close my account").click()
    page.get_by_label("Your password").fill("not my password")
    page.get_by_role("button", name="Close my account").click()
    page.get_by_text("That isn't your password. Nothing has changed.").wait_for()
    client.refresh_from_db()
    assert client.erase_after is None
    page.get_by_label("Your password").fill("between-demo")
    page.get_by_role("button", name="Close my account").click()
    page.get_by_test_id("closing").wait_for()
    shot(page, "closing")
    client.refresh_from_db()
    assert client.erase_after is not None
    via_more(page, "Journal")
    expect(page.get_by_test_id("closing-banner"), "every page says so").to_be_visible()
    page.get_by_role("link", name="Keep it").click()
    page.get_by_role("button", name="Keep my account").click()
    page.get_by_text("Your account stays open. Nothing has been deleted.").wait_for()
    client.refresh_from_db()
    assert client.erase_after is None
    assert page.get_by_test_id("closing-banner").count() == 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"nothing wider than the phone ({width}px)"
