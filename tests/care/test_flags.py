"""Flags as a worklist: level, time and place; how to reach the client; the clinic's next
steps; closing with what was done, a history, reopening; what the client sees of it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from between.accounts.models import Clinic, ContactDetails
from between.accounts.services import link_client, save_contact, share_scopes
from between.audit.models import Action, AuditEvent
from between.care.models import Flag, FlagEvent
from between.care.services import raise_flag
from between.journal.services import write_entry
from tests.conftest import sealed_reads, signed_in
from tests.factories import ClinicianFactory, UserFactory

URGENT_WORDS = "I have the pills counted out and I'm taking them tonight"


@pytest.fixture
def journal_link(link):
    share_scopes(link, {"journal", "safety_plan", "diary"}, actor=link.client)
    return link


def _urgent(link) -> Flag:
    write_entry(link.client, body=URGENT_WORDS, shared=True)
    return Flag.objects.get(client=link.client, level="urgent")


@pytest.mark.django_db
def test_the_flag_page_shows_level_time_words_place_phone_plan_and_the_clinics_steps(
        journal_link):
    link = journal_link
    flag = _urgent(link)
    save_contact(link.client, phone="+44 7700 900123", how="Text first")
    link.clinician.clinic = Clinic.objects.create(
        name="Riverside", steps_urgent="Ring the client. If no answer, ring the duty line.")
    link.clinician.save()
    page = signed_in(link.clinician).get(f"/care/flags/{flag.pk}/").content.decode()
    assert '<span class="tag urgent">Urgent</span>' in page
    assert timezone.localtime(flag.created_at).strftime("%H:%M") in page
    assert "<mark>the pills counted</mark> out" in page
    entry_id = flag.about.split(":")[1]
    assert f"/care/clients/{link.client_id}/journal/#entry-{entry_id}" in page
    assert 'href="tel:+447700900123">+44 7700 900123</a>' in page and "Text first" in page
    assert f"/care/clients/{link.client_id}/safety-plan/" in page
    assert "Ring the client. If no answer, ring the duty line." in page
    journal = signed_in(link.clinician).get(f"/care/clients/{link.client_id}/journal/")
    assert f'id="entry-{entry_id}"' in journal.content.decode()
    assert sealed_reads(target="flag",
                                     subject_id=link.client_id).count() == 1


@pytest.mark.django_db
def test_without_a_phone_plan_or_steps_the_page_says_so_plainly(link):
    share_scopes(link, {"journal"}, actor=link.client)
    flag = _urgent(link)
    page = signed_in(link.clinician).get(f"/care/flags/{flag.pk}/").content.decode()
    assert "hasn't given a phone number in Between" in page
    assert f"mailto:{link.client.email}" in page
    assert "doesn't share their safety plan with you" in page
    assert "hasn't written its steps for this yet" in page


@pytest.mark.django_db
def test_closing_records_who_when_and_what_and_the_client_sees_only_that_it_was_closed(
        journal_link):
    link = journal_link
    flag = _urgent(link)
    http = signed_in(link.clinician)
    response = http.post(f"/care/flags/{flag.pk}/", {
        "done": ["called", "plan"], "note": "Spoke at 9; staying with her sister tonight."})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.acknowledged_at is not None
    event = FlagEvent.objects.get(flag=flag)
    assert (event.kind, event.by, event.done) == ("closed", link.clinician, ["called", "plan"])
    assert event.note == "Spoke at 9; staying with her sister tonight."
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM care_flagevent")
        assert "sister" not in cursor.fetchone()[0]
    client_page = http.get(f"/care/clients/{link.client_id}/").content.decode()
    assert "Closed flags" in client_page
    assert "Called the client; Went over the safety plan together" in client_page
    assert "To look at" not in client_page
    history = http.get(f"/care/flags/{flag.pk}/").content.decode()
    assert f"Closed by {link.clinician}" in history and "staying with her sister" in history
    seen = signed_in(link.client).get("/privacy/seen/").content.decode()
    assert "Looked into a flag and closed it" in seen
    assert "sister" not in seen
    audit = AuditEvent.objects.get(action=Action.FLAG_ACKNOWLEDGED)
    assert "sister" not in str(audit.detail)


@pytest.mark.django_db
def test_closed_flags_can_be_reopened_and_come_back_to_the_list(journal_link):
    link = journal_link
    flag = _urgent(link)
    http = signed_in(link.clinician)
    http.post(f"/care/flags/{flag.pk}/", {"done": ["session"]})
    http.post(f"/care/flags/{flag.pk}/reopen/")
    flag.refresh_from_db()
    assert flag.acknowledged_at is None
    assert list(FlagEvent.objects.filter(flag=flag).values_list("kind", flat=True)) == [
        "closed", "reopened"]
    assert AuditEvent.objects.filter(action=Action.FLAG_REOPENED).count() == 1
    page = http.get(f"/care/clients/{link.client_id}/").content.decode()
    assert "To look at" in page and f"/care/flags/{flag.pk}/" in page
    assert "Reopened by" in http.get(f"/care/flags/{flag.pk}/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "field", "says"), [
    ({}, "done", "What was done: tick at least one."),
    ({"done": ["no_action"]}, "note", "Private note: say why no action was needed."),
    ({"done": ["called"], "note": "x" * 2001}, "note", "Private note (optional): this is 2001"),
    ({"done": ["something else"]}, "done", "Select a valid choice"),
])
def test_closing_without_what_was_done_is_refused_naming_the_field(journal_link, data, field,
                                                                   says):
    flag = _urgent(journal_link)
    response = signed_in(journal_link.clinician).post(f"/care/flags/{flag.pk}/", data)
    assert response.status_code == 400
    assert says in response.content.decode()
    assert response.context["form"].has_error(field)
    flag.refresh_from_db()
    assert flag.acknowledged_at is None and not FlagEvent.objects.exists()


@pytest.mark.django_db
def test_closing_twice_keeps_one_closing(journal_link):
    flag = _urgent(journal_link)
    http = signed_in(journal_link.clinician)
    http.post(f"/care/flags/{flag.pk}/", {"done": ["called"]})
    http.post(f"/care/flags/{flag.pk}/", {"done": ["called"]})
    assert FlagEvent.objects.filter(flag=flag).count() == 1


@pytest.mark.django_db
def test_the_caseload_puts_an_urgent_flag_first_with_its_level_time_and_link(clinician):
    today = timezone.localdate()
    many = UserFactory(display_name="Aaron Many")
    link_client(many, clinician, {"diary"})
    for _ in range(3):
        raise_flag(many, scope="diary", source="diary", day=today, summary="Urge rated 4")
    urgent = UserFactory(display_name="Zoe Urgent")
    link_client(urgent, clinician, {"journal"})
    flag, = raise_flag(urgent, scope="journal", source="screening", day=today,
                       summary="Journal entry: urgent", level="urgent")
    page = signed_in(clinician).get("/care/").content.decode()
    assert page.index("Zoe Urgent") < page.index("Aaron Many")
    row = page[page.index("Zoe Urgent"):page.index("Aaron Many")]
    assert '<span class="tag urgent">Urgent</span>' in row
    assert f"/care/flags/{flag.pk}/" in row
    assert timezone.localtime(flag.created_at).strftime("%H:%M") in row


@pytest.mark.django_db
def test_an_older_urgent_flag_comes_before_a_newer_lesser_one(clinician):
    client = UserFactory()
    link_client(client, clinician, {"journal", "diary"})
    today = timezone.localdate()
    older, = raise_flag(client, scope="journal", source="screening", day=today,
                        summary="urgent", level="urgent")
    Flag.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=2))
    raise_flag(client, scope="diary", source="diary", day=today, summary="rating")
    page = signed_in(clinician).get("/care/").content.decode()
    assert f"/care/flags/{older.pk}/" in page


@pytest.mark.django_db
def test_a_diary_flag_links_to_its_day_in_a_week_that_shows_it(link):
    share_scopes(link, {"diary"}, actor=link.client)
    day = timezone.localdate() - timedelta(days=10)
    flag, = raise_flag(link.client, scope="diary", source="diary", day=day, summary="rating")
    http = signed_in(link.clinician)
    page = http.get(f"/care/flags/{flag.pk}/").content.decode()
    start = day - timedelta(days=3)
    url = f"/care/clients/{link.client_id}/diary/?start={start:%Y-%m-%d}#day-{day:%Y-%m-%d}"
    assert url.replace("&", "&amp;") in page
    week = http.get(url.split("#")[0]).content.decode()
    assert f'id="day-{day:%Y-%m-%d}"' in week


@pytest.mark.django_db
def test_another_clinicians_flag_is_not_found(journal_link):
    flag = _urgent(journal_link)
    other = ClinicianFactory(clinic=journal_link.clinician.clinic)
    link_client(journal_link.client, other, {"journal"})
    http = signed_in(other)
    assert http.get(f"/care/flags/{flag.pk}/").status_code == 404
    assert http.post(f"/care/flags/{flag.pk}/", {"done": ["called"]}).status_code == 404
    assert Flag.objects.get(pk=flag.pk).acknowledged_at is None


@pytest.mark.django_db
def test_a_client_keeps_a_phone_number_for_their_team_encrypted_and_can_remove_it(
        client_user):
    http = signed_in(client_user)
    assert http.post("/settings/contact/", {"phone": "+44 7700 900123",
                                            "how": "Text first"}).status_code == 302
    contact = ContactDetails.objects.get(client=client_user)
    assert (contact.phone, contact.how) == ("+44 7700 900123", "Text first")
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, how FROM accounts_contactdetails")
        assert "900123" not in "".join(cursor.fetchone())
    assert 'value="+44 7700 900123"' in http.get("/settings/").content.decode()
    http.post("/settings/contact/", {"phone": ""})
    assert not ContactDetails.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("phone", ["call me", "12", "+44 7700 900123 ext <b>"])
def test_a_phone_number_that_isnt_one_is_refused_naming_the_field(client_user, phone):
    response = signed_in(client_user).post("/settings/contact/", {"phone": phone})
    assert response.status_code == 400
    assert "Phone number:" in response.content.decode()
    assert not ContactDetails.objects.exists()


@pytest.mark.django_db
def test_an_administrator_writes_the_clinics_next_steps(admin_user):
    admin_user.clinic = Clinic.objects.create(name="Riverside")
    admin_user.save()
    http = signed_in(admin_user)
    url = f"/manage/clinics/{admin_user.clinic.pk}/"
    response = http.get(url)
    assert "Next steps for an urgent flag" in response.content.decode()
    form = response.context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "country"}
    data.update(out_of_hours="next_window", escalate_after_minutes=30,
                steps_urgent="Call the client within the hour.", steps_other="x" * 2001)
    response = http.post(url, data)
    assert response.status_code == 400
    assert "Next steps for a rating or questionnaire answer: at most 2000" in (
        response.content.decode())
    data["steps_other"] = "Look at it before their next session."
    assert http.post(url, data).status_code == 302
    admin_user.clinic.refresh_from_db()
    assert admin_user.clinic.steps_urgent == "Call the client within the hour."
    assert admin_user.clinic.steps_for("") == "Look at it before their next session."


@pytest.mark.django_db
def test_the_clients_page_speaks_to_the_clinician(journal_link):
    page = signed_in(journal_link.clinician).get(
        f"/care/clients/{journal_link.client_id}/").content.decode()
    assert f"Journal entries {journal_link.client} shares with you" in page
    assert "I choose to share" not in page


@pytest.mark.django_db
def test_a_flag_closed_by_a_stale_copy_is_closed_once(journal_link):
    """Two taps on a slow connection: both requests loaded the flag while it was open."""
    from between.care.services import close_flag

    flag = _urgent(journal_link)
    stale = Flag.objects.get(pk=flag.pk)
    assert close_flag(flag, actor=journal_link.clinician, done=["called"]) is not None
    assert close_flag(stale, actor=journal_link.clinician, done=["plan"]) is None
    assert list(FlagEvent.objects.values_list("done", flat=True)) == [["called"]]
    assert AuditEvent.objects.filter(action=Action.FLAG_ACKNOWLEDGED).count() == 1
