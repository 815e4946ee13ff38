"""Urgent flags out of hours reach the clinic's chosen route, content-free, and escalate;
the client is told truthfully, as they write, who will hear of it and when."""

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from between.accounts.models import Clinic, OutOfHours
from between.accounts.services import link_client
from between.audit.models import Action, AuditEvent
from between.care.messaging import send_emails
from between.care.models import ContactPolicy, OutboundEmail, UrgentAlert
from between.care.urgent import in_hours, reach, route_alerts
from between.journal.models import Entry
from tests.accounts.test_push import Browser, push_service  # noqa: F401 - a fixture
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory, UserFactory

URGENT = "I have been stockpiling my tablets. Tonight I am going to take them all."
WORDS = ("stockpiling", "tablets", "tonight")


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Riverside")


@pytest.fixture
def team(clinic, policy):
    """The client's clinician, outside their check-in time now; a duty clinician and a
    second person at the same clinic, set as its out-of-hours route."""
    clinician = policy.clinician
    clinician.clinic = clinic
    clinician.save()
    duty = ClinicianFactory(clinic=clinic, display_name="Dana Duty")
    second = ClinicianFactory(clinic=clinic, display_name="Sam Second")
    clinic.out_of_hours = OutOfHours.DUTY
    clinic.duty_clinician = duty
    clinic.escalate_to = second
    clinic.escalate_after_minutes = 20
    clinic.save()
    return duty, second


def write(client, text=URGENT):
    return signed_in(client).post("/journal/new/", {"body": text, "shared": "on"},
                                  follow=True).content.decode()


def test_an_urgent_entry_out_of_hours_reaches_the_duty_clinician_in_one_pass(link, team):
    duty, second = team
    page = write(link.client)
    assert "Riverside's duty clinician is being told now" in page
    assert "not your words" in page
    alert = UrgentAlert.objects.get()
    assert alert.route == "duty" and alert.notified_at is None

    call_command("runjobs", "--once")
    alert.refresh_from_db()
    assert alert.notified_at is not None and "Dana Duty" in alert.notified
    [email] = mail.outbox
    assert email.to == [duty.email]
    assert email.subject == "An urgent flag needs attention"
    assert f"/care/urgent/{alert.pk}/" in email.body
    text = (email.subject + email.body).lower()
    assert not any(word in text for word in WORDS), "the email carries no words"
    assert link.client.display_name.lower() not in text and link.client.email not in text
    assert "sam second will be told too" in text
    assert AuditEvent.objects.filter(action=Action.URGENT_ROUTED,
                                     subject_id=link.client_id).count() == 1
    call_command("runjobs", "--once")
    assert len(mail.outbox) == 1, "notified once"


def test_unopened_it_escalates_after_the_set_time_and_opening_stops_that(link, team):
    duty, second = team
    write(link.client)
    route_alerts()
    alert = UrgentAlert.objects.get()
    assert route_alerts(now=alert.notified_at + timedelta(minutes=19)) == 0
    assert route_alerts(now=alert.notified_at + timedelta(minutes=20)) == 1
    send_emails()
    assert [e.to for e in mail.outbox] == [[duty.email], [second.email]]
    assert "Nobody has said they're on it yet" in mail.outbox[1].body
    alert.refresh_from_db()
    assert "Sam Second" in alert.escalated
    assert route_alerts(now=alert.notified_at + timedelta(hours=5)) == 0, "escalated once"


def test_saying_youre_on_it_in_time_means_nobody_else_is_told(link, team):
    duty, _ = team
    write(link.client)
    route_alerts()
    alert = UrgentAlert.objects.get()
    page = signed_in(duty).get(f"/care/urgent/{alert.pk}/").content.decode()
    assert str(link.client) in page and link.client.email in page
    assert "Journal" in page and "urgent" in page
    assert not any(word in page.lower() for word in WORDS), "the words stay with the team"
    assert str(link.clinician) in page, "who their care team is"
    alert.refresh_from_db()
    assert alert.opened_at is None, "following the link changes nothing; a person says so"
    assert AuditEvent.objects.filter(action=Action.URGENT_OPENED, actor_id=duty.pk).exists()
    signed_in(duty).post(f"/care/urgent/{alert.pk}/")
    alert.refresh_from_db()
    assert alert.opened_by == duty
    assert route_alerts(now=alert.notified_at + timedelta(hours=1)) == 0
    assert AuditEvent.objects.filter(action=Action.URGENT_OPENED, actor_id=duty.pk).exists()


def test_staff_of_another_clinic_cannot_open_it(link, team):
    write(link.client)
    alert = UrgentAlert.objects.get()
    outsider = ClinicianFactory(clinic=Clinic.objects.create(name="Elsewhere"))
    assert signed_in(outsider).get(f"/care/urgent/{alert.pk}/").status_code == 404
    assert "Nobody on it yet" not in signed_in(outsider).get("/care/urgent/").content.decode()
    assert signed_in(outsider).post(f"/care/urgent/{alert.pk}/").status_code == 404
    alert.refresh_from_db()
    assert alert.opened_at is None


def test_a_second_urgent_entry_before_anyone_opens_the_first_makes_no_second_alert(link,
                                                                                   team):
    write(link.client)
    write(link.client, "Tonight I am going to take them all. I have the tablets ready.")
    assert UrgentAlert.objects.count() == 1
    assert Entry.objects.count() == 2


def test_ideation_is_not_routed_out_of_hours(link, team):
    page = write(link.client, "Some days I wish I could disappear and not wake up.")
    assert Entry.objects.get().risk_level == "ideation"
    assert not UrgentAlert.objects.exists()
    assert "at their next check-in" in page


def test_inside_a_check_in_time_nobody_else_is_told(link, team, policy):
    # A window around the whole of today, in a zone where it is nowhere near midnight.
    zone = next(z for z in ("UTC", "Asia/Tokyo", "America/New_York")
                if 1 <= timezone.now().astimezone(ZoneInfo(z)).hour <= 22)
    today = timezone.now().astimezone(ZoneInfo(zone)).weekday()
    policy.windows = [{"weekday": today, "start": "00:00", "end": "23:59"}]
    policy.time_zone = zone
    policy.save()
    page = write(link.client)
    assert not UrgentAlert.objects.exists()
    assert "in a check-in time now" in page


def test_a_clinic_that_chose_nobody_tells_the_client_so_and_its_admin_sees_it(link, team,
                                                                              clinic):
    clinic.out_of_hours = OutOfHours.NEXT_WINDOW
    clinic.save()
    page = write(link.client)
    assert "Riverside has nobody on call out of hours" in page
    assert "nobody will see this until" in page
    route_alerts()
    send_emails()
    assert not mail.outbox
    admin = AdminFactory(clinic=clinic)
    overview = signed_in(admin).get("/manage/").content.decode()
    assert "1 urgent flag written out of hours waited for the next check-in time" in overview


def test_a_clinic_that_has_not_chosen_is_honest_too(link, team, clinic):
    clinic.out_of_hours = OutOfHours.UNSET
    clinic.save()
    page = write(link.client)
    assert "nobody will see this until" in page
    overview = signed_in(AdminFactory()).get("/manage/").content.decode()
    assert "hasn't chosen what happens to an urgent flag written out of hours" in overview


def test_a_duty_clinician_who_has_left_goes_straight_to_the_second_person(link, team):
    duty, second = team
    duty.is_active = False
    duty.save()
    write(link.client)
    assert route_alerts() == 1
    send_emails()
    assert [e.to for e in mail.outbox] == [[second.email]]
    alert = UrgentAlert.objects.get()
    assert alert.notified.startswith("nobody") and alert.escalated_at is not None


def test_a_team_inbox_is_emailed(link, team, clinic):
    clinic.out_of_hours = OutOfHours.INBOX
    clinic.team_inbox = "duty-team@riverside.example"
    clinic.save()
    page = write(link.client)
    assert "Riverside's out-of-hours team is being told now" in page
    route_alerts()
    send_emails()
    assert mail.outbox[0].to == ["duty-team@riverside.example"]


def test_an_unshared_journal_entry_tells_nobody(link, team):
    page = signed_in(link.client).post("/journal/new/", {"body": URGENT},
                                       follow=True).content.decode()
    assert not UrgentAlert.objects.exists()
    assert "This stays with you: nobody else has been told" in page


def test_check_in_times_decide_what_out_of_hours_means(link, clinic):
    """23:00 on a Monday is outside Monday 09:00-17:00; 10:00 is inside."""
    ContactPolicy.objects.create(clinician=link.clinician, time_zone="Europe/London",
                                 windows=[{"weekday": 0, "start": "09:00", "end": "17:00"}])
    monday = datetime(2027, 1, 4, tzinfo=UTC)  # London is on UTC in January
    assert not in_hours([link.clinician], link.client, monday.replace(hour=23))
    assert in_hours([link.clinician], link.client, monday.replace(hour=10))


def test_the_client_is_told_when_the_next_check_in_is(link, policy):
    what = reach(link.client)
    assert what.kind == "next" and "9:00am" in what.when


def test_a_client_with_nobody_linked_is_told_it_stays_with_them(db):
    assert reach(UserFactory()).kind == "nobody"


def test_the_duty_clinicians_devices_get_a_content_free_urgent_push(committed_db,
                                                                   push_service):  # noqa: F811
    clinic = Clinic.objects.create(name="Hillside")
    clinician = ClinicianFactory(clinic=clinic)
    duty = ClinicianFactory(clinic=clinic)
    clinic.out_of_hours, clinic.duty_clinician = OutOfHours.DUTY, duty
    clinic.save()
    client = UserFactory()
    link_client(client, clinician, {"journal"})
    ContactPolicy.objects.create(clinician=clinician, time_zone="UTC", windows=[])
    browser = Browser()
    response = signed_in(duty).post("/push/devices/", json.dumps(
        {"endpoint": push_service.url + "/duty", "keys": browser.keys}),
        content_type="application/json")
    assert response.status_code == 201
    write(client)
    assert route_alerts() == 1
    [(path, headers, body)] = push_service.received
    assert path == "/duty" and headers["Urgency"] == "high"
    assert json.loads(browser.read(body)) == {
        "kind": "urgent", "title": "Between", "body": "An urgent flag needs attention",
        "url": "/care/urgent/"}
    assert "email and push" in UrgentAlert.objects.get().notified
    assert OutboundEmail.objects.filter(to=duty.email).exists()


def test_a_second_person_who_has_left_is_not_emailed_and_the_alert_says_so(link, team):
    duty, second = team
    second.is_active = False
    second.save()
    write(link.client)
    route_alerts()
    alert = UrgentAlert.objects.get()
    assert route_alerts(now=alert.notified_at + timedelta(hours=1)) == 0
    send_emails()
    assert [e.to for e in mail.outbox] == [[duty.email]]
    alert.refresh_from_db()
    assert alert.escalated == "nobody: the second person has left"


def test_an_urgent_circle_post_out_of_hours_says_both_who_reads_it_and_who_is_told(
        link, team, clinic):
    # A held circle post used to say only when the moderator would read it, even while
    # the duty clinician was being told: the writer heard less than was happening.
    from between.circles.models import Circle, Member, Post

    circle = Circle.objects.create(clinic=clinic, name="Tuesday group")
    circle.moderators.add(link.clinician)
    Member.objects.create(circle=circle, client=link.client, display_name="Wren",
                          status=Member.Status.JOINED, joined_at=timezone.now())
    page = signed_in(link.client).post(f"/circles/{circle.pk}/", {"body": URGENT},
                                       follow=True).content.decode()
    assert Post.objects.get().status == Post.Status.HELD
    assert "A moderator will read it when a moderator next signs in" in page
    assert "Riverside's duty clinician is being told now" in page
    assert UrgentAlert.objects.get().route == "duty"
    assert "This stays with you" not in page
