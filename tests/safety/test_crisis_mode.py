from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from between.safety import services
from between.safety.models import CrisisEpisode
from between.safety.services import client_today
from tests.conftest import signed_in


@pytest.mark.django_db
def test_crisis_mode_starts_from_the_clients_own_plan(client_user):
    services.save_plan(client_user, {"warning_signs": ["Going quiet"],
                                     "coping_alone": ["Cold water on my face"],
                                     "people_to_ask": ["Priya 07700 900456"]}, actor=client_user)
    html = signed_in(client_user).get("/crisis-mode/", HTTP_ACCEPT_LANGUAGE="en-GB"
                                      ).content.decode()
    assert html.index("Going quiet") < html.index("Cold water on my face")
    assert '<a href="tel:07700900456">' in html
    assert 'class="call-bar"' in html and 'href="tel:116123"' in html and 'href="tel:999"' in html


@pytest.mark.django_db
def test_crisis_mode_without_a_plan_is_still_gentle_and_useful(client_user):
    html = signed_in(client_user).get("/crisis-mode/").content.decode()
    assert "that's fine" in html and "Slow breathing" in html


@pytest.mark.django_db
def test_episode_is_saved_to_todays_card(client_user):
    response = signed_in(client_user).post("/crisis-mode/", {
        "urge_before": "4", "urge_after": "2", "helped": ["breathing", "cold_water"],
        "note": "Rang Priya"})
    assert response["Location"] == "/crisis-mode/saved/"
    episode = CrisisEpisode.objects.get(client=client_user)
    assert (episode.urge_before, episode.urge_after) == (4, 2)
    assert episode.helped == ["breathing", "cold_water"]
    assert episode.day == services.client_today(client_user)
    assert episode.note == "Rang Priya"


@pytest.mark.django_db
def test_every_step_can_be_skipped(client_user):
    signed_in(client_user).post("/crisis-mode/", {})
    episode = CrisisEpisode.objects.get(client=client_user)
    assert (episode.urge_before, episode.urge_after, episode.helped) == (None, None, [])


@pytest.mark.django_db
def test_out_of_range_urge_is_refused_and_nothing_saved(client_user):
    response = signed_in(client_user).post("/crisis-mode/", {"urge_before": "9"})
    assert response.status_code == 400
    assert not CrisisEpisode.objects.exists()


@pytest.mark.django_db
def test_episode_day_follows_the_clients_time_zone(client_user, settings):
    from datetime import UTC, datetime
    from unittest import mock

    client_user.time_zone = "Pacific/Auckland"
    client_user.save()
    late_utc = datetime(2026, 11, 23, 20, 0, tzinfo=UTC)  # already the 24th in Auckland
    with mock.patch("django.utils.timezone.now", return_value=late_utc):
        services.record_episode(client_user, urge_before=3, urge_after=1, helped=[])
    assert str(CrisisEpisode.objects.get().day) == "2026-11-24"


@pytest.mark.django_db
@pytest.mark.parametrize("ago,lands_then", [
    (timedelta(days=2), True),
    (timedelta(days=10), False),
    (-timedelta(days=1), False),
])
def test_a_pass_saved_offline_lands_on_the_day_it_happened(client_user, ago, lands_then):
    opened = timezone.now() - ago
    signed_in(client_user).post("/crisis-mode/", {
        "urge_before": "3", "note": "written on the stairs", "opened_at": opened.isoformat()})
    episode = CrisisEpisode.objects.get(client=client_user)
    if lands_then:
        assert episode.started_at == opened
        assert episode.day == opened.astimezone(ZoneInfo(client_user.time_zone)).date()
    else:
        assert episode.day == client_today(client_user), "too old or in the future: today"
