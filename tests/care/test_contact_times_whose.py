"""Contact times that say whose they are: a client's own times are named as such beside the
clinician's usual ones, can be undone, and what is waiting follows the times in force."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from between.care.messaging import retime_waiting, send_message
from between.care.models import Away, ContactPolicy, Message
from between.care.windows import Window, release_time
from tests.conftest import signed_in

LONDON = ZoneInfo("Europe/London")


def _form(day: int, start="09:00", end="10:00") -> dict:
    return {"time_zone": "Europe/London", "response_time": "within two days",
            "away_message": "I read messages at my check-in times.",
            "day_0": str(day), "start_0": start, "end_0": end}


def _in_days(n: int) -> int:
    return (timezone.now().astimezone(LONDON) + timedelta(days=n)).weekday()


def _expected(windows: list[dict], base=None):
    return release_time([Window.parse(w) for w in windows], LONDON, base or timezone.now())


@pytest.mark.django_db
def test_a_clients_own_times_say_so_beside_the_usual_ones_and_can_be_undone(link, policy):
    http = signed_in(link.clinician)
    url = f"/care/clients/{link.client_id}/policy/"
    page = http.get(url).content.decode()
    assert f"{link.client} has your usual times: {policy.describe()}" in page

    assert http.post(url, _form(_in_days(4), "16:00", "17:00")).status_code == 302
    own = ContactPolicy.objects.get(clinician=link.clinician, client=link.client)
    page = http.get(url).content.decode()
    assert f"{link.client} has times of their own" in page
    assert f"{link.client}'s times: {own.describe()}" in page
    assert f"Your usual times, which your other clients have: {policy.describe()}" in page
    client_page = http.get(f"/care/clients/{link.client_id}/").content.decode()
    assert "(their own, not your usual)" in client_page
    mine = http.get("/care/policy/").content.decode()
    assert f">{link.client}</a> has times of their own" in mine

    response = http.post(f"/care/clients/{link.client_id}/policy/usual/", follow=True)
    assert not ContactPolicy.objects.filter(client=link.client).exists()
    assert f"{link.client} has your usual times again: {policy.describe()}" in (
        response.content.decode())
    assert "(their own" not in http.get(f"/care/clients/{link.client_id}/").content.decode()


@pytest.mark.django_db
def test_waiting_messages_follow_the_clinicians_new_times(link, policy):
    message = send_message(link.client, link.clinician, "Can we talk on Tuesday?").item
    old = message.release_at
    new = [{"weekday": _in_days(5), "start": "15:00", "end": "16:00"}]
    response = signed_in(link.clinician).post("/care/policy/", _form(_in_days(5), "15:00",
                                                                      "16:00"), follow=True)
    assert "1 waiting item will now reach you at the new times." in response.content.decode()
    message.refresh_from_db()
    assert message.release_at == _expected(new) and message.release_at != old
    mine = signed_in(link.client).get("/messages/").content.decode()
    local = message.release_at.astimezone(LONDON)
    assert f"{local:%-d}" in mine


@pytest.mark.django_db
def test_a_clients_own_times_move_only_their_waiting_messages(link, policy, make_link):
    other = make_link(clinician=link.clinician)
    mine = send_message(link.client, link.clinician, "Mine").item
    theirs = send_message(other.client, link.clinician, "Theirs").item
    before = theirs.release_at
    signed_in(link.clinician).post(f"/care/clients/{link.client_id}/policy/",
                                   _form(_in_days(3), "11:00", "12:00"))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.release_at == _expected([{"weekday": _in_days(3), "start": "11:00",
                                          "end": "12:00"}])
    assert theirs.release_at == before


@pytest.mark.django_db
def test_what_is_already_due_stays_due_and_time_away_still_holds(link, policy):
    due = send_message(link.client, link.clinician, "Already due").item
    Message.objects.filter(pk=due.pk).update(release_at=timezone.now() - timedelta(hours=1))
    later = send_message(link.client, link.clinician, "Waiting").item
    today = timezone.localdate()
    Away.objects.create(clinician=link.clinician, starts_on=today,
                        ends_on=today + timedelta(days=10))
    ContactPolicy.objects.filter(pk=policy.pk).update(windows=[])  # "as messages arrive"
    assert retime_waiting(link.clinician) == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.release_at < timezone.now()
    assert later.release_at.astimezone(LONDON).date() == today + timedelta(days=11)


@pytest.mark.django_db
def test_no_window_removes_a_window_but_times_without_a_day_are_refused(link, policy):
    http = signed_in(link.clinician)
    two = _form(1) | {"day_1": "3", "start_1": "14:00", "end_1": "15:00"}
    http.post("/care/policy/", two)
    policy.refresh_from_db()
    assert len(policy.windows) == 2
    removed = two | {"day_1": ""}  # the times stay filled in, as the browser leaves them
    assert http.post("/care/policy/", removed).status_code == 302
    policy.refresh_from_db()
    assert policy.windows == [{"weekday": 1, "start": "09:00", "end": "10:00"}]
    forgot = _form(1) | {"start_2": "11:00", "end_2": "12:00"}
    response = http.post("/care/policy/", forgot)
    assert response.status_code == 400
    assert "Window 3 needs a day" in response.content.decode()
