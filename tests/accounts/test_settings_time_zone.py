"""A person sets their own time zone on the web, and every time they see follows it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from between.care.messaging import send_message
from between.care.models import Message
from tests.conftest import signed_in


@pytest.mark.django_db
def test_a_client_sets_their_time_zone_and_times_follow_it(link):
    http = signed_in(link.client)
    page = http.get("/settings/").content.decode()
    assert "Your time zone" in page and 'value="Europe/London" selected' in page
    message = send_message(link.client, link.clinician, "hello").item
    Message.objects.filter(pk=message.pk).update(
        sent_at=datetime(2026, 11, 27, 14, 5, tzinfo=ZoneInfo("UTC")))
    assert "Fri 27 Nov, 14:05" in http.get("/messages/").content.decode()
    http.post("/settings/time-zone/", {"time_zone": "Asia/Kolkata"})
    link.client.refresh_from_db()
    assert link.client.time_zone == "Asia/Kolkata"
    assert "Fri 27 Nov, 19:35" in http.get("/messages/").content.decode()
    response = http.post("/settings/time-zone/", {"time_zone": "Mars/Olympus"})
    assert response.status_code == 400 and b"time_zone:" in response.content
    link.client.refresh_from_db()
    assert link.client.time_zone == "Asia/Kolkata"
