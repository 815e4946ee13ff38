"""The daily card reminder: the client's own time, never twice, never in quiet hours, and
a kind rest after days without a card."""

from datetime import UTC, date, datetime, time, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from between.care.models import OutboundEmail
from between.diary import services
from between.diary.models import Card, CardReminder
from tests.conftest import signed_in
from tests.factories import UserFactory


def _walk(start: datetime, end: datetime, step=timedelta(minutes=15)):
    """Run the reminder job every `step` from start to end; yield (moment, queued)."""
    moment = start
    while moment <= end:
        before = OutboundEmail.objects.count()
        services.send_card_reminders(now=moment)
        yield moment, OutboundEmail.objects.count() - before
        moment += step


def _card(client, day: date) -> None:
    Card.objects.create(client=client, day=day)


@pytest.mark.django_db
def test_one_reminder_a_day_in_each_clients_time_zone_across_daylight_saving():
    london = UserFactory(time_zone="Europe/London")
    new_york = UserFactory(time_zone="America/New_York")
    services.set_reminder(london, at=time(20, 0), stop_after=0)
    services.set_reminder(new_york, at=time(8, 0), quiet_from=time(22, 0),
                          quiet_until=time(7, 0), stop_after=0)
    # 2027: the US changes clocks on 14 March, the UK on 28 March.
    sends = {london.pk: [], new_york.pk: []}
    start, end = datetime(2027, 3, 12, tzinfo=UTC), datetime(2027, 3, 30, tzinfo=UTC)
    for moment, queued in _walk(start, end):
        if not queued:
            continue
        for reminder in CardReminder.objects.select_related("client"):
            tz = ZoneInfo(reminder.client.time_zone)
            if reminder.last_sent == moment.astimezone(tz).date() and \
                    (not sends[reminder.client_id]
                     or sends[reminder.client_id][-1].date() != reminder.last_sent):
                sends[reminder.client_id].append(moment.astimezone(tz))
    for client, at in ((london, time(20, 0)), (new_york, time(8, 0))):
        days = [s.date() for s in sends[client.pk]]
        assert len(days) == len(set(days)) == 18, (client.time_zone, days)
        for sent in sends[client.pk]:
            # At the chosen local time (to the job's 15-minute step), summer time or not.
            assert at <= sent.time() < (datetime.combine(sent.date(), at) +
                                        timedelta(minutes=15)).time(), sent
    assert OutboundEmail.objects.count() == 36, "exactly one a day each, nothing extra"


@pytest.mark.django_db
def test_the_email_says_nothing_about_what_it_is_for():
    client = UserFactory(time_zone="Europe/London")
    services.set_reminder(client, at=time(9, 0))
    services.send_card_reminders(now=datetime(2027, 1, 5, 9, 30, tzinfo=UTC))
    email = OutboundEmail.objects.get(to=client.email)
    words = (email.subject + " " + email.text).lower()
    assert email.subject == "Between: a gentle reminder"
    for telling in ("diary", "card", "dbt", "therapy", "urge", "missed", "streak"):
        assert telling not in words


@pytest.mark.django_db
def test_quiet_hours_hold_and_a_time_inside_them_is_refused_by_name():
    client = UserFactory(time_zone="Europe/London")
    reminder = services.set_reminder(client, at=time(6, 30), quiet_from=time(6, 0),
                                     quiet_until=time(6, 45))
    assert reminder.is_quiet(time(6, 30)) and not reminder.is_quiet(time(6, 45))
    services.send_card_reminders(now=datetime(2027, 1, 5, 6, 40, tzinfo=UTC))
    assert not OutboundEmail.objects.exists(), "not during quiet hours"
    services.send_card_reminders(now=datetime(2027, 1, 5, 6, 50, tzinfo=UTC))
    assert OutboundEmail.objects.count() == 1, "once they end, the same day"

    http = signed_in(client)
    response = http.post("/diary/card/reminder/", {"at": "23:30", "quiet_from": "22:00",
                                                   "quiet_until": "07:00", "stop_after": 7})
    page = unescape(response.content.decode())
    assert response.status_code == 400
    assert 'id="id_at_error"' in page, "the error names the field"
    assert "That time is inside your quiet hours" in page
    reminder.refresh_from_db()
    assert reminder.at == time(6, 30), "nothing changed"


@pytest.mark.django_db
def test_a_card_already_saved_means_no_reminder():
    client = UserFactory(time_zone="Europe/London")
    services.set_reminder(client, at=time(20, 0))
    _card(client, date(2027, 1, 5))
    services.send_card_reminders(now=datetime(2027, 1, 5, 21, 0, tzinfo=UTC))
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db
def test_reminders_rest_kindly_after_days_without_a_card_and_wake_when_asked():
    client = UserFactory(time_zone="Europe/London")
    services.set_reminder(client, at=time(20, 0), stop_after=3)
    for day in range(1, 8):
        call_command("runjobs", once=True, at=f"2027-01-0{day}T20:30:00+00:00")
    emails = [m for m in mail.outbox if m.to == [client.email]]
    assert len(emails) == 4, "three reminders, then one note that they're resting"
    assert "We'll stop reminding you for now" in emails[-1].body
    assert "Nothing is wrong" in emails[-1].body
    assert CardReminder.objects.get(client=client).resting

    page = unescape(signed_in(client).get("/diary/card/").content.decode())
    assert "Your reminders are resting" in page
    signed_in(client).post("/diary/card/reminder/", {"at": "20:00", "stop_after": 3,
                                                      "by_email": "on"})
    reminder = CardReminder.objects.get(client=client)
    assert not reminder.resting and reminder.unanswered == 0
    call_command("runjobs", once=True, at="2027-01-08T20:30:00+00:00")
    assert OutboundEmail.objects.filter(to=client.email).count() == 5


@pytest.mark.django_db
def test_a_card_answers_the_reminder_so_the_count_starts_again():
    client = UserFactory(time_zone="Europe/London")
    services.set_reminder(client, at=time(20, 0), stop_after=2)
    for day in range(1, 9):
        moment = datetime(2027, 1, day, 20, 30, tzinfo=UTC)
        services.send_card_reminders(now=moment)
        if day % 2 == 0:
            _card(client, date(2027, 1, day))
    reminder = CardReminder.objects.get(client=client)
    assert not reminder.resting, "every other day is answered: never two unanswered in a row"


@pytest.mark.django_db
def test_the_settings_page_turns_reminders_on_and_off():
    client = UserFactory(time_zone="America/New_York")
    http = signed_in(client)
    page = unescape(http.get("/diary/card/").content.decode())
    assert "A daily reminder" in page and "Turn reminders on" in page
    done = unescape(http.post("/diary/card/reminder/", {
        "at": "19:15", "stop_after": 7, "by_email": "on"}, follow=True).content.decode())
    assert "at 19:15 each day, in your time zone (America/New_York)" in done
    assert CardReminder.objects.get(client=client).at == time(19, 15)
    http.post("/diary/card/reminder/", {"action": "stop"})
    assert not CardReminder.objects.exists()
