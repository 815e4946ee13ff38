"""Sessions in a calendar app: a private link, "Session" and the time, nothing else;
a cancellation updates it; a new link stops the old one."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from between.care import calendar
from between.care.models import CalendarFeed, TherapySession
from tests.conftest import signed_in


def _events(body: bytes) -> list:
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


@pytest.mark.django_db
def test_the_feed_says_session_and_the_time_and_nothing_else(link):
    starts = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    session = TherapySession.objects.create(client=link.client, clinician=link.clinician,
                                            starts_at=starts)
    TherapySession.objects.create(client=link.client, clinician=link.clinician,
                                  starts_at=starts - timedelta(days=400), kind="attended")
    page = signed_in(link.client).post("/settings/calendar/", {"action": "make"})
    url = page.context["made"]
    secret = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert secret.startswith("cal_") and secret in page.content.decode()
    assert CalendarFeed.objects.get().digest != secret, "only a hash is kept"
    response = Client().get(f"/calendar/{secret}.ics")  # a calendar app has no session
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    (event,) = _events(response.content)
    assert str(event["summary"]) == "Session" and event["dtstart"].dt == starts
    assert str(event["status"]) == "CONFIRMED"
    body = response.content.decode()
    for secret_word in (link.client.display_name, link.clinician.display_name,
                        link.client.email):
        assert secret_word not in body
    # Cancelled: the same event, marked so, for calendars that had it.
    TherapySession.objects.filter(pk=session.pk).update(kind="cancelled")
    (event,) = _events(Client().get(f"/calendar/{secret}.ics").content)
    assert str(event["status"]) == "CANCELLED" and str(event["uid"]).startswith(
        f"session-{session.pk}@")
    # The clinician's own feed holds the same session.
    theirs = calendar.make_feed(link.clinician)
    assert len(_events(Client().get(f"/calendar/{theirs}.ics").content)) == 1


@pytest.mark.django_db
def test_a_new_link_stops_the_old_and_stopping_stops_it(link):
    old = calendar.make_feed(link.client)
    new = calendar.make_feed(link.client)
    assert Client().get(f"/calendar/{old}.ics").status_code == 404
    assert Client().get(f"/calendar/{new}.ics").status_code == 200
    signed_in(link.client).post("/settings/calendar/", {"action": "stop"})
    assert Client().get(f"/calendar/{new}.ics").status_code == 404
    assert Client().get("/calendar/cal_guess.ics").status_code == 404
    assert signed_in(link.client).post("/settings/calendar/", {"action": "x"}).status_code \
        == 400
