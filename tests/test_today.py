"""Today: the day's card and what is waiting, never a streak or a count of misses."""

from html import unescape

import pytest

from between.accounts.services import link_client
from between.diary.models import Card
from between.safety import services as safety
from between.safety.services import client_today
from between.skills import services as skills
from tests.conftest import signed_in
from tests.factories import ClinicianFactory, UserFactory


def _today(client) -> str:
    return unescape(signed_in(client).get("/").content.decode())


@pytest.mark.django_db
def test_today_says_what_is_waiting_and_nothing_more():
    client = UserFactory()
    page = _today(client)
    assert "Today's diary card" in page and "Any part is enough" in page
    for absent in ("This week's check-in", "suggested", "This week's skills", "streak",
                   "missed", "How did your last session feel"):
        assert absent not in page, absent

    clinician = ClinicianFactory()
    link_client(client, clinician, {"safety_plan", "diary"})
    safety.save_plan(client, {"warning_signs": ["a sign"]}, actor=client)
    safety.suggest(clinician, client, "coping_alone", "a walk")
    skills.mark_week(client, 1, True)
    Card.objects.create(client=client, day=client_today(client))
    page = _today(client)
    assert "Today's diary card is saved" in page
    assert "Your clinician suggested something for your safety plan" in page
    assert "This week's check-in" in page
    assert "This week's skills: week 2" in page
