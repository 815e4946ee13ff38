from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from between.care.models import ContactPolicy


@pytest.fixture
def policy(link):
    """Check-in windows that are closed now: the day after tomorrow, 09:00-10:00 London."""
    london = timezone.now().astimezone(ZoneInfo("Europe/London"))
    day = (london + timedelta(days=2)).weekday()
    return ContactPolicy.objects.create(
        clinician=link.clinician, time_zone="Europe/London",
        windows=[{"weekday": day, "start": "09:00", "end": "10:00"}])
