"""A clinic's settings, from its page and from `between clinic-settings`: the same checks,
the same audit entry, nothing half-saved."""

import pytest
from django.core.management import CommandError, call_command

from between.accounts.models import Clinic, OutOfHours
from between.audit.models import Action, AuditEvent
from tests.conftest import signed_in
from tests.factories import AdminFactory, ClinicianFactory


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Riverside")


@pytest.fixture
def admin(clinic):
    return AdminFactory(clinic=clinic)


def test_an_admin_sets_the_out_of_hours_route_and_it_is_audited(admin, clinic):
    duty = ClinicianFactory(clinic=clinic, display_name="Dana Duty")
    second = ClinicianFactory(clinic=clinic, display_name="Sam Second")
    http = signed_in(admin)
    page = http.get(f"/manage/clinics/{clinic.pk}/").content.decode()
    assert "Choose what happens to an urgent flag written out of hours" in page
    assert "Dana Duty" in page
    response = http.post(f"/manage/clinics/{clinic.pk}/", {
        "out_of_hours": "duty", "duty_clinician": duty.pk, "escalate_to": second.pk,
        "escalate_after_minutes": 15, "country": "GB"}, follow=True)
    assert "Saved." in response.content.decode()
    clinic.refresh_from_db()
    assert (clinic.out_of_hours, clinic.duty_clinician, clinic.escalate_to,
            clinic.escalate_after_minutes, clinic.country) == ("duty", duty, second, 15, "GB")
    event = AuditEvent.objects.get(action=Action.CLINIC_SETTINGS_CHANGED)
    assert event.actor_id == admin.pk and "duty_clinician" in event.detail["fields"]
    overview = signed_in(admin).get("/manage/").content.decode()
    assert "a duty clinician, Dana Duty; second person: Sam Second" in overview


@pytest.mark.parametrize("data,field,message", [
    ({"out_of_hours": "duty"}, "duty_clinician", "Choose who is on duty."),
    ({"out_of_hours": "inbox"}, "team_inbox", "Give the inbox"),
    ({"out_of_hours": "next_window", "escalate_after_minutes": 2}, "escalate_after_minutes",
     "between 5 minutes and 12 hours"),
    ({}, "out_of_hours", "This field is required"),
])
def test_a_wrong_setting_is_refused_by_name_and_nothing_is_saved(admin, clinic, data, field,
                                                                 message):
    response = signed_in(admin).post(f"/manage/clinics/{clinic.pk}/", {
        "escalate_after_minutes": 30, "country": "GB", **data})
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page or f"id_{field}" in page
    assert message in page
    clinic.refresh_from_db()
    assert clinic.out_of_hours == OutOfHours.UNSET and clinic.country == ""
    assert not AuditEvent.objects.filter(action=Action.CLINIC_SETTINGS_CHANGED).exists()


def test_the_second_person_must_be_someone_else(admin, clinic):
    duty = ClinicianFactory(clinic=clinic)
    response = signed_in(admin).post(f"/manage/clinics/{clinic.pk}/", {
        "out_of_hours": "duty", "duty_clinician": duty.pk, "escalate_to": duty.pk,
        "escalate_after_minutes": 30})
    assert response.status_code == 400
    assert "The second person must be someone else." in response.content.decode()


def test_only_the_clinics_own_staff_can_be_chosen(admin, clinic):
    outsider = ClinicianFactory(clinic=Clinic.objects.create(name="Elsewhere"))
    response = signed_in(admin).post(f"/manage/clinics/{clinic.pk}/", {
        "out_of_hours": "duty", "duty_clinician": outsider.pk, "escalate_after_minutes": 30})
    assert response.status_code == 400
    clinic.refresh_from_db()
    assert clinic.duty_clinician is None


def test_an_admin_of_one_clinic_cannot_open_anothers_settings(admin):
    other = Clinic.objects.create(name="Elsewhere")
    assert signed_in(admin).get(f"/manage/clinics/{other.pk}/").status_code == 404


def test_the_command_has_the_same_checks_and_audit(clinic, capsys):
    duty = ClinicianFactory(clinic=clinic, email="dana@riverside.example")
    with pytest.raises(CommandError, match="--duty: Choose who is on duty"):
        call_command("clinic_settings", "Riverside", "--out-of-hours", "duty")
    with pytest.raises(CommandError, match="nobody has the email"):
        call_command("clinic_settings", "Riverside", "--duty", "nobody@example.org")
    clinic.refresh_from_db()
    assert clinic.out_of_hours == OutOfHours.UNSET
    call_command("clinic_settings", "Riverside", "--out-of-hours", "duty", "--duty",
                 "dana@riverside.example", "--escalate-after", "45")
    out = capsys.readouterr().out
    assert "Urgent flags out of hours: A duty clinician" in out and duty.email in out
    clinic.refresh_from_db()
    assert clinic.duty_clinician == duty and clinic.escalate_after_minutes == 45
    event = AuditEvent.objects.get(action=Action.CLINIC_SETTINGS_CHANGED)
    assert event.actor_id is None and "out_of_hours" in event.detail["fields"]
    call_command("clinic_settings", "Riverside")
    assert "Second person: nobody" in capsys.readouterr().out


def test_adding_the_first_person_to_a_new_clinic_says_to_choose_a_route(db, capsys,
                                                                        monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-test-password-9\n"))
    call_command("adduser", "new@clinic.example", "--name", "New", "--role", "clinician",
                 "--clinic", "Brand New", "--password-stdin")
    assert "Choose who hears of an urgent flag written out of hours" in capsys.readouterr().out


def test_default_check_in_times_are_what_a_new_clinician_starts_with(admin, clinic):
    from between.care.messaging import policy_for

    response = signed_in(admin).post(f"/manage/clinics/{clinic.pk}/", {
        "out_of_hours": "next_window", "escalate_after_minutes": 30,
        "default_windows": "Mon 14:00-15:00; tuesday 09:30-10:00"})
    assert response.status_code == 302
    clinic.refresh_from_db()
    assert clinic.default_windows == [{"weekday": 0, "start": "14:00", "end": "15:00"},
                                      {"weekday": 1, "start": "09:30", "end": "10:00"}]
    page = signed_in(admin).get(f"/manage/clinics/{clinic.pk}/").content.decode()
    assert "Monday 14:00-15:00; Tuesday 09:30-10:00" in page
    newcomer = ClinicianFactory(clinic=clinic)
    assert policy_for(newcomer).windows == clinic.default_windows


@pytest.mark.parametrize("text,message", [("Someday 09:00-10:00", "as a day and two times"),
                                          ("Fri 10:00-09:00", "start must come before")])
def test_a_wrong_check_in_time_is_refused_by_name(admin, clinic, text, message):
    response = signed_in(admin).post(f"/manage/clinics/{clinic.pk}/", {
        "out_of_hours": "next_window", "escalate_after_minutes": 30, "default_windows": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "id_default_windows_error" in page
    clinic.refresh_from_db()
    assert clinic.default_windows == []


def test_a_clinics_idle_minutes_sign_its_clients_out(admin, clinic, settings):
    import time

    from tests.factories import UserFactory

    clinic.client_idle_minutes = 5
    clinic.save()
    client = UserFactory(clinic=clinic)
    http = signed_in(client)
    page = http.get("/journal/").content.decode()
    assert 'data-idle-seconds="300"' in page
    session = http.session
    session["last_seen"] = time.time() - 6 * 60
    session.save()
    response = http.get("/journal/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    other = signed_in(UserFactory())
    assert 'data-idle-seconds="1800"' in other.get("/journal/").content.decode()
