"""Changes to a clinic and its people, each audited: the same checks from a page or a
`between` command."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from between.accounts.models import CareLink, Clinic, Role, User
from between.accounts.services import link_client, sign_out_everywhere
from between.accounts.signals import deactivated
from between.audit.models import Action
from between.audit.services import record
from between.care.models import OutboundEmail
from between.clinic.forms import ClinicSettingsForm
from between.clinic.models import (
    AS_WORDS,
    INVITATION_DAYS,
    Handover,
    MfaReset,
    SignUp,
    StaffInvitation,
    Team,
)
from between.lib.errors import FieldError


@transaction.atomic
def change_settings(clinic: Clinic, data: dict, *, actor: User | None) -> list[str]:
    """Check and save a clinic's settings. Returns the names of the fields that changed;
    raises FieldError naming the first field that is wrong, and saves nothing then."""
    form = ClinicSettingsForm(data, instance=clinic)
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise FieldError(field, " ".join(errors))
    changed = form.changed_data
    if changed:
        form.save()
        record(Action.CLINIC_SETTINGS_CHANGED, actor=actor,
               detail={"clinic": clinic.pk, "fields": changed})
    return changed


def settings_data(clinic: Clinic) -> dict:
    """A clinic's current settings as form data, to change a few and keep the rest."""
    form = ClinicSettingsForm(instance=clinic)
    return {name: form.initial.get(name) for name in form.fields}


# People -------------------------------------------------------------------------------

STAFF_ROLES = (Role.CLINICIAN, Role.PEER_WORKER, Role.ADMIN)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _staff(person: User, clinic: Clinic | None = None) -> None:
    if person.role not in STAFF_ROLES:
        raise FieldError("person", "Only the clinic's staff are managed here.")
    if clinic is not None and person.clinic_id != clinic.pk:
        raise FieldError("person", "They aren't part of this clinic.")


@transaction.atomic
def invite_staff(clinic: Clinic, email: str, role: str, *, actor: User | None) -> str:
    """Email a one-use link to join the clinic as a clinician, a peer worker or an
    administrator. The email names the clinic and nothing else. Returns the token (for a
    terminal)."""
    email = email.strip().lower()
    if role not in STAFF_ROLES:
        raise FieldError("role", "Invite a clinician, a peer worker or an administrator.")
    if not email or "@" not in email:
        raise FieldError("email", "Enter an email address.")
    if User.objects.filter(email=email).exists():
        raise FieldError("email", "Someone already has an account with this email.")
    token = secrets.token_urlsafe(32)
    StaffInvitation.objects.filter(email=email, accepted_at__isnull=True).update(
        cancelled_at=timezone.now())
    invitation = StaffInvitation.objects.create(clinic=clinic, email=email, role=role,
                                                digest=_digest(token), invited_by=actor)
    OutboundEmail.queue(to=email, subject="An invitation to Between", text=(
        f"You've been invited to join {clinic.name} in Between as "
        f"{AS_WORDS[role]}.\n\n"
        f"To set up your account, open this link within {INVITATION_DAYS} days:\n"
        f"{settings.SITE_URL}/join/{token}/\n\n"
        "You'll choose a password and set up two-step sign-in with an authenticator app.\n"
        "If you weren't expecting this, you can ignore it.\n"))
    record(Action.STAFF_INVITED, actor=actor,
           detail={"clinic": clinic.pk, "invitation": invitation.pk, "role": role})
    return token


def find_staff_invitation(token: str) -> StaffInvitation | None:
    invitation = (StaffInvitation.objects.select_related("clinic")
                  .filter(digest=_digest(token)).first())
    return invitation if invitation is not None and invitation.waiting else None


@transaction.atomic
def join(invitation: StaffInvitation, *, display_name: str, password: str) -> User:
    """Make the invited person's account. They set up a second factor as they first sign
    in, before they can see anything."""
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.waiting or User.objects.filter(email=invitation.email).exists():
        raise FieldError("token", "This invitation has already been used or has run out.")
    if not display_name.strip():
        raise FieldError("display_name", "Enter the name your clients and colleagues know.")
    person = User(email=invitation.email, display_name=display_name.strip()[:100],
                  role=invitation.role, clinic=invitation.clinic)
    try:
        validate_password(password, person)
    except ValidationError as exc:
        raise FieldError("password", " ".join(exc.messages)) from None
    person.set_password(password)
    person.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record(Action.STAFF_JOINED, actor=person, subject=person,
           detail={"clinic": invitation.clinic_id, "invitation": invitation.pk})
    return person


def _active_admins(clinic_id) -> int:
    return User.objects.filter(clinic_id=clinic_id, role=Role.ADMIN, is_active=True).count()


@transaction.atomic
def deactivate(person: User, *, actor: User | None) -> list[str]:
    """They can't sign in, every session and API token of theirs ends at once, and their
    clients are shown that they aren't working in Between and who covers. Returns what
    the other apps say now waits because of it (a circle left with no moderator)."""
    _staff(person)
    if actor is not None and person.pk == actor.pk:
        raise FieldError("person", "You can't deactivate yourself. Ask another administrator.")
    if person.is_admin and person.is_active and _active_admins(person.clinic_id) <= 1:
        raise FieldError("person", "They are the clinic's only administrator. Make someone "
                                   "else an administrator first.")
    person.is_active = False
    person.save(update_fields=["is_active"])
    sign_out_everywhere(person, actor=actor or person)
    record(Action.DEACTIVATED, actor=actor, subject=person)
    return [said for _, said in deactivated.send(sender=User, person=person) if said]


@transaction.atomic
def reactivate(person: User, *, actor: User | None) -> None:
    _staff(person)
    person.is_active = True
    person.save(update_fields=["is_active"])
    record(Action.REACTIVATED, actor=actor, subject=person)


@transaction.atomic
def change_role(person: User, role: str, *, actor: User | None) -> None:
    _staff(person)
    if role not in STAFF_ROLES:
        raise FieldError("role", "Choose clinician, peer worker or administrator.")
    if person.role == role:
        return
    if role == Role.PEER_WORKER and CareLink.objects.active().filter(clinician=person).exists():
        raise FieldError("role", "They still work with clients, and a peer worker sees no "
                                 "client's records. Hand their clients over first.")
    if person.is_admin and _active_admins(person.clinic_id) <= 1:
        raise FieldError("role", "They are the clinic's only administrator. Make someone "
                                 "else an administrator first.")
    before, person.role = person.role, role
    person.save(update_fields=["role"])
    sign_out_everywhere(person, actor=actor or person)  # what they may see has changed
    record(Action.ROLE_CHANGED, actor=actor, subject=person,
           detail={"from": before, "to": role})


@transaction.atomic
def request_mfa_reset(person: User, reason: str, *, actor: User | None) -> MfaReset:
    """Ask to reset a lost second factor. With a second active administrator at the
    clinic (other than the one asking, and the person), it waits for their approval;
    otherwise it happens now. Either way the reason is kept. A client who chose two-step
    sign-in can have theirs reset too; they may turn it on again."""
    if not (person.mfa_enabled and person.is_client):
        _staff(person)
    reason = reason.strip()
    if len(reason) < 10:
        raise FieldError("reason", "Say in a few words why, for the audit log (at least "
                                   "10 characters).")
    reset = MfaReset.objects.create(person=person, reason=reason[:300], requested_by=actor)
    record(Action.MFA_RESET_REQUESTED, actor=actor, subject=person,
           detail={"reset": reset.pk})
    if not approvers(reset).exists():
        _do_reset(reset, approved_by=None)
    return reset


def approvers(reset: MfaReset):
    """Administrators who may approve: the person's clinic's, except the person and the
    one who asked."""
    from between.accounts.models import client_clinic

    person = reset.person
    clinic = client_clinic(person) if person.is_client else person.clinic
    return User.objects.filter(clinic=clinic, role=Role.ADMIN, is_active=True).exclude(
        pk__in=[person.pk, reset.requested_by_id or 0])


@transaction.atomic
def approve_mfa_reset(reset: MfaReset, *, actor: User) -> None:
    if reset.done_at is not None:
        raise FieldError("reset", "This reset has already happened.")
    if not approvers(reset).filter(pk=actor.pk).exists():
        raise FieldError("reset", "A different administrator from the one who asked must "
                                  "approve it.")
    _do_reset(reset, approved_by=actor)


def _do_reset(reset: MfaReset, *, approved_by: User | None) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    person = reset.person
    TOTPDevice.objects.filter(user=person).delete()
    if person.is_client:
        person.mfa_enabled = False
        person.save(update_fields=["mfa_enabled"])
    sign_out_everywhere(person, actor=approved_by or reset.requested_by or person)
    reset.approved_by = approved_by
    reset.done_at = timezone.now()
    reset.save(update_fields=["approved_by", "done_at"])
    record(Action.MFA_RESET, actor=approved_by or reset.requested_by, subject=person,
           detail={"reset": reset.pk, "approved": approved_by is not None})


# Moving care --------------------------------------------------------------------------

@transaction.atomic
def propose_handover(client: User, to_clinician: User, *, kind: str,
                     from_clinician: User | None = None, actor: User | None) -> Handover:
    """Suggest a change to the client's care team. Nothing changes until they agree."""
    _staff(to_clinician)
    if not to_clinician.is_active or to_clinician.role != Role.CLINICIAN:
        raise FieldError("to_clinician", "Choose an active clinician.")
    if not client.is_client:
        raise FieldError("client", "Only a client's care team can move.")
    if CareLink.objects.active().filter(client=client, clinician=to_clinician).exists():
        raise FieldError("to_clinician", "They already work with this client.")
    if kind == Handover.Kind.HAND_OVER:
        if from_clinician is None or not CareLink.objects.active().filter(
                client=client, clinician=from_clinician).exists():
            raise FieldError("from_clinician", "Choose who the client is moving from.")
    elif kind == Handover.Kind.ADD:
        from_clinician = None
    else:
        raise FieldError("kind", "Choose to hand over or to add to the team.")
    Handover.objects.filter(client=client, decided_at__isnull=True).update(
        decided_at=timezone.now(), agreed=False)
    handover = Handover.objects.create(client=client, kind=kind, from_clinician=from_clinician,
                                       to_clinician=to_clinician, proposed_by=actor)
    record(Action.HANDOVER_PROPOSED, actor=actor, subject=client,
           detail={"handover": str(handover.pk), "kind": kind, "to": to_clinician.pk,
                   "from": from_clinician and from_clinician.pk})
    return handover


@transaction.atomic
def decide_handover(handover: Handover, *, agreed: bool, actor: User) -> None:
    """The client's answer. Agreeing links them with the new clinician, sharing what they
    shared with the old one; for a hand-over the old link then ends exactly as if the
    client had ended it."""
    from between.care.messaging import end_link

    handover = Handover.objects.select_for_update().get(pk=handover.pk)
    if handover.decided_at is not None or actor.pk != handover.client_id:
        raise FieldError("handover", "This change has already been answered.")
    if agreed and not handover.to_clinician.is_active:
        raise FieldError("handover", f"{handover.to_clinician} isn't working in Between now, "
                                     "so this change can't happen. Nothing has changed.")
    handover.decided_at, handover.agreed = timezone.now(), agreed
    handover.save(update_fields=["decided_at", "agreed"])
    record(Action.HANDOVER_AGREED if agreed else Action.HANDOVER_DECLINED, actor=actor,
           subject=actor, detail={"handover": str(handover.pk)})
    if not agreed:
        return
    old = (CareLink.objects.active().filter(client=actor, clinician=handover.from_clinician)
           .first() if handover.from_clinician_id else None)
    scopes = set(old.scopes()) if old else set()
    link_client(actor, handover.to_clinician, scopes)
    if old is not None:
        end_link(old, actor=actor)


# Clients signing themselves up ----------------------------------------------------------

# At most this many sign-up emails to one address a day, whatever anyone types.
SIGN_UPS_PER_ADDRESS = 3
SIGN_UP_WINDOW = timezone.timedelta(days=1)

@transaction.atomic
def request_sign_up(clinic: Clinic, *, email: str, display_name: str, password: str) -> None:
    """Check the details and email a link that makes the account. Someone who already has
    an account is emailed a reminder instead, so the page says the same thing either way."""
    from django.contrib.auth.hashers import make_password

    if not clinic.self_signup:
        raise FieldError("clinic", "This clinic doesn't take sign-ups here.")
    email = email.strip().lower()
    if not display_name.strip():
        raise FieldError("display_name", "Enter what we should call you.")
    person = User(email=email, display_name=display_name.strip()[:100], role=Role.CLIENT)
    try:
        validate_password(password, person)
    except ValidationError as exc:
        raise FieldError("password", " ".join(exc.messages)) from None
    recent = SignUp.objects.filter(email=email,
                                   created_at__gte=timezone.now() - SIGN_UP_WINDOW)
    if recent.count() >= SIGN_UPS_PER_ADDRESS:
        return  # the same page, and no more email: nobody can flood an inbox from here
    if User.objects.filter(email=email).exists():
        # Counted like a sign-up (it holds no password and its link opens nothing).
        SignUp.objects.create(clinic=clinic, email=email, display_name="", password="",
                              digest=_digest(secrets.token_urlsafe(32)),
                              used_at=timezone.now())
        OutboundEmail.queue(to=email, subject="Signing in to Between", text=(
            "Someone, probably you, asked to make a Between account with this address. You "
            "already have one, so nothing new was made.\n\n"
            f"Sign in: {settings.SITE_URL}/accounts/login/\n"
            f"Forgotten your password? {settings.SITE_URL}/accounts/password-reset/\n"))
        return
    token = secrets.token_urlsafe(32)
    SignUp.objects.create(clinic=clinic, email=email, display_name=person.display_name,
                          password=make_password(password), digest=_digest(token))
    OutboundEmail.queue(to=email, subject="Finish making your Between account", text=(
        f"To finish making your account at {clinic.name}, open this link within two days:\n"
        f"{settings.SITE_URL}/signup/confirm/{token}/\n\n"
        "If you didn't ask for this, you can ignore it.\n"))


@transaction.atomic
def confirm_sign_up(token: str) -> User | None:
    """Make the account from a sign-up link, once. None if the link is used or too old."""
    found = (SignUp.objects.select_for_update().filter(digest=_digest(token))
             .select_related("clinic").first())
    if found is None or not found.usable() or User.objects.filter(email=found.email).exists():
        return None
    person = User(email=found.email, display_name=found.display_name, role=Role.CLIENT,
                  clinic=found.clinic, password=found.password)
    person.save()
    found.used_at, found.password = timezone.now(), ""
    found.save(update_fields=["used_at", "password"])
    record(Action.SIGNED_UP, actor=person, subject=person,
           detail={"clinic": found.clinic_id})
    return person


@transaction.atomic
def save_team(clinic: Clinic, *, name: str, members, actor: User | None,
              team: Team | None = None) -> Team:
    """Make or change a team of this clinic's clinicians. It shows who else works with a
    client; it gives nobody access to anything."""
    name = name.strip()
    if Team.objects.filter(clinic=clinic, name__iexact=name).exclude(
            pk=getattr(team, "pk", None)).exists():
        raise FieldError("name", "This clinic already has a team by that name.")
    members = list(members)
    if any(m.clinic_id != clinic.pk or m.role != Role.CLINICIAN for m in members):
        raise FieldError("members", "A team is made of this clinic's clinicians.")
    team = team or Team(clinic=clinic)
    team.name = name
    team.save()
    team.members.set(members)
    record(Action.TEAM_CHANGED, actor=actor, target=f"team:{team.pk}",
           detail={"clinic": clinic.pk, "members": sorted(m.pk for m in members)})
    return team


def teammates(clinician: User) -> list[dict]:
    """For each of this clinician's teams, each teammate and the clients both of them
    work with. A client who shares only with the teammate isn't shown, or counted."""
    mine = set(CareLink.objects.active().filter(clinician=clinician)
               .values_list("client_id", flat=True))
    teams = list(clinician.teams.prefetch_related(
        Prefetch("members", queryset=User.objects.order_by("display_name"))))
    others = {m.pk for t in teams for m in t.members.all() if m.pk != clinician.pk}
    shared: dict[int, list[User]] = {pk: [] for pk in others}
    for link in (CareLink.objects.active().filter(clinician_id__in=others, client_id__in=mine)
                 .select_related("client").order_by("client__display_name")):
        shared[link.clinician_id].append(link.client)
    return [{"team": t, "mates": [{"who": m, "clients": shared[m.pk]}
                                  for m in t.members.all() if m.pk != clinician.pk]}
            for t in teams]
