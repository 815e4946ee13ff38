"""Sessions that change: one row, moved, cancelled (by whom, why), attended or missed, with
its history; the caseload, both people's lists and the calendar follow."""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from between.care import calendar
from between.care.models import RepairNote, SessionChange, TherapySession
from between.care.sessions import log_session
from tests.conftest import signed_in


def _booked(link, days=3):
    when = (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)
    return log_session(link.clinician, link.client, kind="scheduled", starts_at=when)


def _local(dt, fmt="%a %-d %b, %H:%M"):
    return timezone.localtime(dt).strftime(fmt)


@pytest.mark.django_db
def test_cancelling_then_rescheduling_leaves_one_row_with_its_history(link):
    session = _booked(link)
    first = session.starts_at
    http = signed_in(link.clinician)
    url = f"/care/sessions/{session.pk}/change/"
    response = http.post(url, {"change-what": "cancelled", "change-cancelled_by": "client",
                               "change-reason": "Unwell, asked to move it"})
    assert response.status_code == 302
    later = first + timedelta(days=2)
    http.post(url, {"change-what": "rescheduled",
                    "change-starts_at": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M")})
    assert TherapySession.objects.count() == 1
    session.refresh_from_db()
    assert (session.kind, session.starts_at) == ("scheduled", later)
    history = list(SessionChange.objects.filter(session=session).values_list(
        "what", "cancelled_by"))
    assert history == [("booked", ""), ("cancelled", "client"), ("rescheduled", "")]

    caseload = http.get("/care/").content.decode()
    assert _local(later) in caseload and _local(first) not in caseload
    page = http.get(f"/care/clients/{link.client_id}/sessions/").content.decode()
    assert "Cancelled by the client" in page and "Unwell, asked to move it" in page
    assert f"Moved from {_local(first)}" in page
    mine = signed_in(link.client).get("/sessions/").content.decode()
    assert mine.count(f"with {link.clinician}") == 1, "one session, not two"
    assert "Scheduled with" in mine and "Cancelled with" not in mine
    assert f"Moved from {_local(first)}" in mine and "Unwell, asked to move it" in mine


@pytest.mark.django_db
def test_logging_cancelled_for_a_booked_time_changes_that_session(link):
    session = _booked(link)
    signed_in(link.clinician).post(f"/care/clients/{link.client_id}/sessions/", {
        "starts_at": timezone.localtime(session.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "kind": "cancelled"})
    assert list(TherapySession.objects.values_list("kind", flat=True)) == ["cancelled"]
    assert SessionChange.objects.filter(what="cancelled", cancelled_by="clinician").exists()
    assert "not booked" in signed_in(link.clinician).get("/care/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "says"), [
    ({"change-what": "rescheduled"}, "New time: say when the session moved to."),
    ({"change-what": "cancelled"}, "Who cancelled: the client or you."),
    ({"change-what": "cancelled", "change-cancelled_by": "client",
      "change-reason": "x" * 301}, "Reason (optional; the client sees it): this is 301"),
    ({"change-what": "booked"}, "Select a valid choice"),
])
def test_a_change_that_doesnt_say_enough_is_refused_and_changes_nothing(link, data, says):
    session = _booked(link)
    response = signed_in(link.clinician).post(f"/care/sessions/{session.pk}/change/", data)
    assert response.status_code == 400
    assert says in response.content.decode()
    session.refresh_from_db()
    assert session.kind == "scheduled"
    assert SessionChange.objects.filter(session=session).count() == 1  # booked only


@pytest.mark.django_db
def test_repair_notes_belong_to_sessions_that_took_place(link):
    session = _booked(link)
    http = signed_in(link.clinician)
    page = http.get(f"/care/clients/{link.client_id}/sessions/").content.decode()
    assert "Add repair note" not in page
    assert http.post(f"/care/sessions/{session.pk}/notes/", {"body": "x"}).status_code == 400
    assert signed_in(link.client).post(f"/sessions/{session.pk}/notes/",
                                       {"body": "x"}).status_code == 400
    assert not RepairNote.objects.exists()
    http.post(f"/care/sessions/{session.pk}/change/", {"change-what": "attended"})
    assert "Add repair note" in http.get(
        f"/care/clients/{link.client_id}/sessions/").content.decode()
    assert http.post(f"/care/sessions/{session.pk}/notes/", {"body": "x"}).status_code == 302
    assert RepairNote.objects.count() == 1


@pytest.mark.django_db
def test_a_missed_session_is_missed_for_both_and_leaves_the_next_session_empty(link):
    session = _booked(link)
    signed_in(link.clinician).post(f"/care/sessions/{session.pk}/change/",
                                   {"change-what": "missed"})
    assert signed_in(link.client).get("/sessions/").content.decode().count("Missed with") == 1
    assert "not booked" in signed_in(link.clinician).get("/care/").content.decode()


@pytest.mark.django_db
def test_the_calendar_keeps_one_event_that_moves_and_then_cancels(link):
    session = _booked(link)
    http = signed_in(link.clinician)
    url = f"/care/sessions/{session.pk}/change/"
    later = session.starts_at + timedelta(days=1)
    http.post(url, {"change-what": "rescheduled",
                    "change-starts_at": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M")})
    [event] = Calendar.from_ical(calendar.ics(link.client)).walk("VEVENT")
    assert event["dtstart"].dt == later and int(event["sequence"]) == 1
    assert str(event["status"]) == "CONFIRMED"
    http.post(url, {"change-what": "cancelled", "change-cancelled_by": "clinician"})
    [event] = Calendar.from_ical(calendar.ics(link.client)).walk("VEVENT")
    assert str(event["status"]) == "CANCELLED" and int(event["sequence"]) == 2


@pytest.mark.django_db
def test_another_clinicians_session_cannot_be_changed(link, make_link):
    session = _booked(link)
    other = make_link()
    response = signed_in(other.clinician).post(f"/care/sessions/{session.pk}/change/",
                                               {"change-what": "missed"})
    assert response.status_code == 404
    session.refresh_from_db()
    assert session.kind == "scheduled"
