"""People at a clinic: invitations, deactivation, roles, lost second factors, and moving a
client's care only with their agreement. Every change is audited."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts.models import CareLink, Clinic, Role, User
from between.accounts.services import link_client
from between.audit.models import Action, AuditEvent
from between.care.messaging import send_emails, send_message
from between.care.models import Message
from between.clinic import services
from between.clinic.models import Handover, MfaReset, StaffInvitation
from between.lib.errors import FieldError
from tests.conftest import signed_in
from tests.factories import PASSWORD, AdminFactory, ClinicianFactory, UserFactory


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Riverside")


@pytest.fixture
def admin(clinic):
    return AdminFactory(clinic=clinic, display_name="Ada Admin")


def invitation_link() -> str:
    send_emails()
    return re.search(r"/join/[\w-]+/", mail.outbox[-1].body).group()


def test_an_invited_clinician_joins_and_must_set_up_a_second_factor(admin, clinic):
    response = signed_in(admin).post("/manage/people/invite/", {
        "email": "New.Clinician@Example.org", "role": "clinician"}, follow=True)
    assert "Invitation sent to" in response.content.decode()
    invitation = StaffInvitation.objects.get()
    link = invitation_link()
    assert link.split("/")[2] not in invitation.digest, "only a hash is kept"
    assert "Riverside" in mail.outbox[-1].body
    from django.test import Client

    browser = Client()
    page = browser.get(link).content.decode()
    assert "Join Riverside" in page and "new.clinician@example.org" in page
    response = browser.post(link, {"display_name": "Nia New", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/accounts/mfa/setup/"
    person = User.objects.get(email="new.clinician@example.org")
    assert (person.role, person.clinic, person.display_name) == ("clinician", clinic, "Nia New")
    assert browser.get("/care/").status_code == 302, "nothing before a second factor"
    assert browser.get(link).status_code == 404, "the link works once"
    assert AuditEvent.objects.filter(action=Action.STAFF_JOINED, actor_id=person.pk).exists()


def test_a_weak_password_is_refused_by_name_and_no_account_is_made(admin, clinic):
    services.invite_staff(clinic, "x@example.org", "clinician", actor=admin)
    link = invitation_link()
    from django.test import Client

    response = Client().post(link, {"display_name": "X", "password": "password"})
    assert response.status_code == 400
    assert "id_password_error" in response.content.decode()
    assert not User.objects.filter(email="x@example.org").exists()


def test_an_invitation_for_an_existing_account_is_refused(admin, clinic):
    response = signed_in(admin).post("/manage/people/invite/", {"email": admin.email,
                                                                "role": "clinician"})
    assert response.status_code == 400
    assert "Someone already has an account with this email." in response.content.decode()
    assert not StaffInvitation.objects.exists()


def test_an_old_invitation_has_run_out(admin, clinic):
    services.invite_staff(clinic, "late@example.org", "admin", actor=admin)
    link = invitation_link()
    StaffInvitation.objects.update(created_at=timezone.now() - timezone.timedelta(days=8))
    from django.test import Client

    assert Client().get(link).status_code == 404


def test_deactivating_ends_their_session_at_once_and_clients_see_who_covers(admin, clinic):
    clinician = ClinicianFactory(clinic=clinic, display_name="Cal Clinician")
    duty = ClinicianFactory(clinic=clinic, display_name="Dana Duty")
    clinic.out_of_hours, clinic.duty_clinician = "duty", duty
    clinic.save()
    client = UserFactory()
    link_client(client, clinician, {"diary"})
    their_browser = signed_in(clinician)
    assert their_browser.get("/care/").status_code == 200
    response = signed_in(admin).post(f"/manage/people/{clinician.pk}/",
                                     {"action": "deactivate"}, follow=True)
    assert "is deactivated" in response.content.decode()
    clinician.refresh_from_db()
    assert not clinician.is_active
    assert their_browser.get("/care/").status_code == 302, "their open session has ended"
    sharing = signed_in(client).get("/sharing/").content.decode()
    assert "Cal Clinician isn't working in Between at the moment" in sharing
    assert "Dana Duty is their duty clinician" in sharing
    assert CareLink.objects.active().filter(client=client).exists(), "nothing is deleted"
    messages = signed_in(client).get("/messages/").content.decode()
    assert f'value="{clinician.pk}"' not in messages, "messages can't be sent to them"
    signed_in(client).post("/messages/", {"clinician": clinician.pk, "body": "hello"})
    assert not Message.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DEACTIVATED, subject_id=clinician.pk,
                                     actor_id=admin.pk).exists()
    signed_in(admin).post(f"/manage/people/{clinician.pk}/", {"action": "reactivate"})
    clinician.refresh_from_db()
    assert clinician.is_active


def test_the_only_administrator_cannot_be_demoted_or_deactivate_themselves(admin):
    http = signed_in(admin)
    response = http.post(f"/manage/people/{admin.pk}/", {"action": "role", "role": "clinician"})
    assert response.status_code == 400
    assert "only administrator" in response.content.decode()
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN
    with pytest.raises(FieldError, match="yourself"):
        services.deactivate(admin, actor=admin)


def test_changing_a_role_is_audited_and_ends_their_sessions(admin, clinic):
    clinician = ClinicianFactory(clinic=clinic)
    signed_in(admin).post(f"/manage/people/{clinician.pk}/", {"action": "role", "role": "admin"})
    clinician.refresh_from_db()
    assert clinician.role == Role.ADMIN and clinician.sessions_valid_after is not None
    event = AuditEvent.objects.get(action=Action.ROLE_CHANGED)
    assert event.detail == {"from": "clinician", "to": "admin"}


def test_a_lost_second_factor_needs_a_reason_and_a_second_admins_approval(admin, clinic):
    second_admin = AdminFactory(clinic=clinic)
    clinician = ClinicianFactory(clinic=clinic)
    http = signed_in(admin)
    response = http.post(f"/manage/people/{clinician.pk}/", {"action": "mfa_reset",
                                                             "reason": "lost"})
    assert response.status_code == 400 and "id_reason_error" in response.content.decode()
    assert not MfaReset.objects.exists()
    http.post(f"/manage/people/{clinician.pk}/", {"action": "mfa_reset",
                                                  "reason": "Lost phone; confirmed by call"})
    reset = MfaReset.objects.get()
    assert reset.done_at is None and TOTPDevice.objects.filter(user=clinician).exists()
    assert "Approve" not in http.get("/manage/people/").content.decode(), "not your own"
    assert http.post(f"/manage/resets/{reset.pk}/approve/").status_code == 302
    reset.refresh_from_db()
    assert reset.done_at is None, "the admin who asked can't approve"
    other = signed_in(second_admin)
    assert "Lost phone; confirmed by call" in other.get("/manage/people/").content.decode()
    other.post(f"/manage/resets/{reset.pk}/approve/")
    reset.refresh_from_db()
    assert reset.done_at is not None and reset.approved_by == second_admin
    assert not TOTPDevice.objects.filter(user=clinician).exists()
    event = AuditEvent.objects.get(action=Action.MFA_RESET)
    assert event.actor_id == second_admin.pk and event.subject_id == clinician.pk


def test_with_one_administrator_a_reset_happens_at_once(admin, clinic):
    clinician = ClinicianFactory(clinic=clinic)
    reset = services.request_mfa_reset(clinician, "Lost phone; confirmed by call", actor=admin)
    assert reset.done_at is not None
    assert not TOTPDevice.objects.filter(user=clinician).exists()


def test_care_moves_only_when_the_client_agrees(admin, clinic):
    old = ClinicianFactory(clinic=clinic, display_name="Olive Old")
    new = ClinicianFactory(clinic=clinic, display_name="Nate New")
    client = UserFactory()
    link_client(client, old, {"diary", "journal"})
    send_message(client, old, "not yet delivered")
    response = signed_in(admin).post(f"/manage/clients/{client.pk}/move/", {
        "kind": "hand_over", "to_clinician": new.pk, "from_clinician": old.pk}, follow=True)
    assert "nothing changes until they agree" in response.content.decode()
    assert not CareLink.objects.filter(clinician=new).exists()
    handover = Handover.objects.get()
    http = signed_in(client)
    assert "Your clinic suggests a change to your care team" in http.get("/").content.decode()
    page = http.get(f"/care-team/changes/{handover.pk}/").content.decode()
    assert "Nate New takes over from Olive Old" in page
    http.post(f"/care-team/changes/{handover.pk}/", {"answer": "agree"})
    new_link = CareLink.objects.get(client=client, clinician=new)
    assert set(new_link.scopes()) == {"diary", "journal"}
    assert CareLink.objects.get(client=client, clinician=old).ended_at is not None
    assert not Message.objects.exists(), "undelivered messages to the old clinician are taken back"
    actions = list(AuditEvent.objects.filter(subject_id=client.pk).values_list("action",
                                                                               flat=True))
    assert Action.HANDOVER_PROPOSED in actions and Action.HANDOVER_AGREED in actions
    assert Action.LINK_ENDED in actions


def test_saying_no_changes_nothing(admin, clinic):
    old = ClinicianFactory(clinic=clinic)
    new = ClinicianFactory(clinic=clinic)
    client = UserFactory()
    link_client(client, old, {"diary"})
    handover = services.propose_handover(client, new, kind="hand_over", from_clinician=old,
                                         actor=admin)
    signed_in(client).post(f"/care-team/changes/{handover.pk}/", {"answer": "decline"})
    assert CareLink.objects.active().get(client=client).clinician == old
    handover.refresh_from_db()
    assert handover.agreed is False
    assert AuditEvent.objects.filter(action=Action.HANDOVER_DECLINED).exists()


def test_the_audit_log_filters_and_exports_one_clients_entries(admin, clinic):
    clinician = ClinicianFactory(clinic=clinic, display_name="Cal Clinician")
    client = UserFactory(display_name="Robin")
    link_client(client, clinician, {"diary"})
    signed_in(clinician).get(f"/care/clients/{client.pk}/")
    http = signed_in(admin)
    page = http.get("/manage/audit/", {"client": client.email}).content.decode()
    assert "Cal Clinician" in page and "Your name and what you share" in page
    assert "Started sharing: Diary card" in page
    only_reads = http.get("/manage/audit/", {"client": client.email, "action": "read"})
    assert "Started sharing: Diary card" not in only_reads.content.decode()
    csv = http.get("/manage/audit/", {"client": client.email, "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode()
    assert body.splitlines()[0] == "seq,when (UTC),done by,what,detail,hash"
    assert "Cal Clinician" in body and "Started sharing: Diary card" in body
    bad = http.get("/manage/audit/", {"since": "not a date"})
    assert bad.status_code == 400 and "id_since_error" in bad.content.decode()
    no_client = http.get("/manage/audit/", {"format": "csv"})
    assert no_client.status_code == 400 and "Choose whose entries to export" in \
        no_client.content.decode()
    verified = http.post("/manage/audit/verify/", follow=True).content.decode()
    assert "The chain is intact" in verified


def test_a_clinic_admin_sees_only_their_clinics_entries(admin, clinic):
    elsewhere = ClinicianFactory(clinic=Clinic.objects.create(name="Elsewhere"),
                                 display_name="Zed Elsewhere")
    outsider_client = UserFactory()
    link_client(outsider_client, elsewhere, {"diary"})
    signed_in(elsewhere).get(f"/care/clients/{outsider_client.pk}/")
    page = signed_in(admin).get("/manage/audit/").content.decode()
    assert "Zed Elsewhere" not in page


def test_a_deactivated_clinician_gets_no_digest_no_new_clients_and_no_handovers(admin,
                                                                                clinic):
    from datetime import timedelta

    from between.care import sessions
    from between.care.messaging import release_due

    clinician = ClinicianFactory(clinic=clinic)
    client = UserFactory()
    link_client(client, clinician, {"diary"})
    send_message(client, clinician, "sent before they left")
    token = sessions.invite(clinician, "newclient@example.org")
    handover = services.propose_handover(UserFactory(), clinician, kind="add", actor=admin)
    services.deactivate(clinician, actor=admin)
    assert release_due(now=timezone.now() + timedelta(days=8)) == 0, "nobody to read it"
    assert Message.objects.get().released_at is None, "kept, in case they come back"
    assert sessions.find_invitation(token) is None
    with pytest.raises(FieldError, match="isn't working in Between now"):
        services.decide_handover(handover, agreed=True, actor=handover.client)
    assert not CareLink.objects.filter(client=handover.client).exists()
    services.reactivate(clinician, actor=admin)
    assert release_due(now=timezone.now() + timedelta(days=8)) == 1
