"""The same administration from a terminal: `between staff`, `move-care`, `audit-log`."""

import io

import pytest
from django.core.management import CommandError, call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts.models import Clinic
from between.accounts.services import link_client
from between.audit.models import Action, AuditEvent
from between.clinic.models import Handover, MfaReset, StaffInvitation
from tests.factories import AdminFactory, ClinicianFactory, UserFactory


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def clinic(db):
    return Clinic.objects.create(name="Riverside")


def test_staff_commands_invite_deactivate_and_change_roles(clinic):
    assert "Invitation queued" in run("staff", "invite", "n@example.org", "--clinic",
                                      "Riverside", "--role", "admin")
    assert StaffInvitation.objects.get().role == "admin"
    clinician = ClinicianFactory(clinic=clinic, email="c@example.org")
    AdminFactory(clinic=clinic)
    run("staff", "deactivate", "c@example.org")
    clinician.refresh_from_db()
    assert not clinician.is_active and clinician.sessions_valid_after is not None
    assert "deactivated" in run("staff", "list", "--clinic", "Riverside")
    run("staff", "reactivate", "c@example.org")
    run("staff", "role", "c@example.org", "admin")
    clinician.refresh_from_db()
    assert clinician.is_active and clinician.is_admin
    with pytest.raises(CommandError, match="Nobody has the email"):
        run("staff", "deactivate", "missing@example.org")
    assert "Invitation queued" in run("staff", "invite", "p@example.org", "--clinic",
                                      "Riverside", "--role", "peer_worker")
    assert StaffInvitation.objects.get(email="p@example.org").role == "peer_worker"
    run("staff", "role", "c@example.org", "peer_worker")
    clinician.refresh_from_db()
    assert clinician.is_peer_worker
    assert "\tpeer_worker\tRiverside\tactive" in run("staff", "list", "--clinic", "Riverside")
    assert AuditEvent.objects.filter(action=Action.DEACTIVATED, actor_id=None).exists()


def test_reset_mfa_from_a_terminal_waits_for_a_second_admin(clinic):
    AdminFactory(clinic=clinic, email="a1@example.org")
    approver = AdminFactory(clinic=clinic, email="a2@example.org")
    clinician = ClinicianFactory(clinic=clinic, email="c@example.org")
    with pytest.raises(CommandError, match="reason"):
        run("staff", "reset-mfa", "c@example.org", "--reason", "lost")
    assert "Waiting for a second administrator" in run(
        "staff", "reset-mfa", "c@example.org", "--reason", "Lost phone; confirmed by call")
    reset = MfaReset.objects.get()
    run("staff", "approve-reset", str(reset.pk), "--by", approver.email)
    assert not TOTPDevice.objects.filter(user=clinician).exists()


def test_move_care_and_read_the_audit_log(clinic):
    old = ClinicianFactory(clinic=clinic, email="old@example.org")
    ClinicianFactory(clinic=clinic, email="new@example.org")
    client = UserFactory(email="client@example.org")
    link_client(client, old, {"diary"})
    assert "Suggested" in run("move_care", "client@example.org", "--to", "new@example.org",
                              "--from", "old@example.org")
    assert Handover.objects.get().kind == "hand_over"
    listed = run("audit_log", "--client", "client@example.org")
    assert "Suggested a change of clinician" in listed and "Started sharing" in listed
    exported = run("audit_log", "--client", "client@example.org", "--csv")
    assert exported.splitlines()[0].strip() == "seq,when (UTC),done by,what,about"
    with pytest.raises(CommandError, match="--client"):
        run("audit_log", "--csv")
