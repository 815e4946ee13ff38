"""Sessions, feedback after them, repair notes, and invitations."""

import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from between.accounts.models import User
from between.accounts.services import link_client
from between.care.models import (
    Invitation,
    OutboundEmail,
    RepairNote,
    SessionChange,
    SessionFeedback,
    TherapySession,
)
from between.care.services import raise_flag
from between.risk.services import screen_writing
from between.safety.services import client_today

NOT_HELD = "body: repair notes are for sessions that took place; this one didn't."

# What a change makes of the session row.
_KIND_AFTER = {SessionChange.What.RESCHEDULED: TherapySession.Kind.SCHEDULED,
               SessionChange.What.CANCELLED: TherapySession.Kind.CANCELLED,
               SessionChange.What.ATTENDED: TherapySession.Kind.ATTENDED,
               SessionChange.What.PHONE: TherapySession.Kind.PHONE,
               SessionChange.What.MISSED: TherapySession.Kind.MISSED}


@transaction.atomic
def log_session(clinician: User, client: User, *, starts_at, kind: str,
                ends_on=None) -> TherapySession:
    """A new session, or, when one is already booked at that time, what became of it:
    logging "Cancelled" for Tuesday's session changes Tuesday's row, never adds a second."""
    booked = TherapySession.objects.filter(
        clinician=clinician, client=client, kind=TherapySession.Kind.SCHEDULED,
        starts_at=starts_at).first()
    what = {v: k for k, v in _KIND_AFTER.items() if k != SessionChange.What.RESCHEDULED}
    if booked and kind in what:
        change_session(booked, by=clinician, what=what[kind],
                       cancelled_by=SessionChange.By.CLINICIAN if kind == "cancelled" else "")
        return booked
    session = TherapySession.objects.create(clinician=clinician, client=client,
                                            starts_at=starts_at, kind=kind, ends_on=ends_on)
    if kind == TherapySession.Kind.SCHEDULED:
        SessionChange.objects.create(session=session, client=client, by=clinician,
                                     what=SessionChange.What.BOOKED)
    return session


@transaction.atomic
def change_session(session: TherapySession, *, by: User, what: str, starts_at=None,
                   cancelled_by: str = "", reason: str = "") -> SessionChange:
    """Move, cancel, or say what happened: the one row changes, and its history grows.
    The caseload, both people's session lists, the agenda and the calendar feed all read
    the row, so they follow."""
    change = SessionChange(session=session, client_id=session.client_id, by=by, what=what,
                           cancelled_by=cancelled_by, reason=reason.strip())
    if what == SessionChange.What.RESCHEDULED:
        change.was, session.starts_at = session.starts_at, starts_at
    session.kind = _KIND_AFTER[what]
    session.save(update_fields=["starts_at", "kind"])
    change.save()
    return change


@transaction.atomic
def record_feedback(session: TherapySession, *, heard: int, worked_on: int,
                    approach_fits: int, overall: int, felt_off: bool,
                    note: str) -> SessionFeedback:
    """Save feedback; 'something felt off' reaches the clinician as a flag before the
    next session, so a rupture can be talked about early."""
    feedback = SessionFeedback(session=session, client=session.client, heard=heard,
                               worked_on=worked_on, approach_fits=approach_fits,
                               overall=overall, felt_off=felt_off, note=note.strip())
    day = client_today(session.client)
    screen_writing(feedback, feedback.note, client=session.client, scope="messages",
                   where="Session feedback", day=day, source="message",
                   clinician_ids=[session.clinician_id])
    feedback.save()
    if felt_off:
        raise_flag(session.client, scope="messages", source="message", day=day,
                   clinician_ids=[session.clinician_id],
                   summary=f"Feedback on the session of {session.starts_at:%a %d %b}: "
                           "something felt off", excerpt=feedback.note or None)
    return feedback


def add_repair_note(session: TherapySession, author: User, body: str) -> RepairNote:
    """Either side adds a note; the client's words are screened like all their writing."""
    note = RepairNote(session=session, client=session.client, author=author, body=body.strip())
    if author.pk == session.client_id:
        screen_writing(note, note.body, client=session.client, scope="messages",
                       where="Repair note", day=client_today(session.client),
                       source="message", clinician_ids=[session.clinician_id])
    note.save()
    return note


def feedback_trend(overall_scores: list[int]) -> str:
    """'dipping', 'rising' or 'steady', from the last three overall ratings, oldest first."""
    if len(overall_scores) < 2:
        return ""
    change = overall_scores[-1] - overall_scores[0]
    return "dipping" if change <= -2 else "rising" if change >= 2 else "steady"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(clinician: User, email: str) -> str:
    """Email a one-use link. The email says who invited them and nothing else."""
    token = secrets.token_urlsafe(32)
    Invitation.objects.create(clinician=clinician, email=email.lower(), digest=_digest(token))
    OutboundEmail.queue(
        to=email, subject="An invitation to Between",
        text=f"{clinician} has invited you to use Between between your sessions.\n\n"
             f"To accept, open this link within 14 days:\n"
             f"{settings.SITE_URL}/invite/{token}/\n\n"
             "If you weren't expecting this, you can ignore it.\n")
    return token


def find_invitation(token: str) -> Invitation | None:
    inv = Invitation.objects.select_related("clinician").filter(
        digest=_digest(token), accepted_at__isnull=True, clinician__is_active=True).first()
    return None if inv is None or inv.expired() else inv


@transaction.atomic
def accept(invitation: Invitation, client: User, scopes: set[str]) -> None:
    link_client(client, invitation.clinician, scopes)
    invitation.accepted_at = timezone.now()
    invitation.client = client
    invitation.save(update_fields=["accepted_at", "client"])
