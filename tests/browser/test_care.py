"""Support between sessions without anyone on call, as both sides see it."""

import pytest
from django.core.management import call_command

from between.accounts.models import User
from between.audit.models import Action, AuditEvent
from between.care.models import Message
from tests.browser.conftest import PHONE, shot, sign_in, sign_in_clinician, via_more

pytestmark = pytest.mark.browser


def test_message_waits_for_the_window_and_reaches_the_clinician(app, phone, browser):
    sign_in(phone, app.url, "client@demo.between")
    via_more(phone, "Messages")
    assert phone.get_by_text("Sam Rivera reads messages on").is_visible()
    phone.get_by_label("Your message").fill("Could we start with last week's session on "
                                            "Tuesday? It's been on my mind.")
    phone.get_by_role("button", name="Send").click()
    assert phone.get_by_text("Sam Rivera reads messages on").first.is_visible()
    assert phone.get_by_text("Yours will be there for them from").is_visible()
    assert phone.get_by_role("link", name="Get help now").first.is_visible()
    shot(phone, "message-sent")

    client = User.objects.get(email="client@demo.between")
    message = Message.objects.filter(client=client).order_by("-sent_at").first()
    assert message.released_at is None and message.outside_window
    call_command("runjobs", "--once", "--at", message.release_at.isoformat())
    message.refresh_from_db()
    assert message.released_at is not None

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    cp = context.new_page()
    sign_in_clinician(cp, app.url)
    cp.get_by_role("link", name="Check-in", exact=True).click()
    html = cp.content()
    assert html.index("Flags") < html.index("Could we start with last week")
    assert cp.get_by_text("Urge to die rated").first.is_visible()
    shot(cp, "clinician-digest")
    cp.get_by_role("link", name="Clients", exact=True).click()
    first = cp.locator(".caseload > li").first.inner_text()
    assert "Alex Morgan" in first and "to look at" in first, "the client in need comes first"
    shot(cp, "clinician-caseload")
    context.close()

    via_more(phone, "Who has seen my data")
    assert phone.get_by_text("Looked at your messages").first.is_visible()
    shot(phone, "client-seen-messages")
    assert AuditEvent.objects.filter(action=Action.READ, target="messages",
                                     subject_id=client.pk).exists()
