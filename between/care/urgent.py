"""Urgent flags out of hours: who hears of one, and what the client is told.

Nobody watches Between in real time. A flag written inside a clinician's check-in time
is seen in that time; one written outside every check-in time of the client's care team
would wait for the next one. For an urgent flag, a clinic chooses better: a duty
clinician or a team inbox hears of it at once (by email, and by Web Push on the duty
clinician's devices), and a second person hears of it if nobody opens it within a set
time. What they are sent says only that an urgent flag needs attention, with a link.

1. `open_alerts` runs as the flag is raised, inside the writer's transaction: it decides
   whether this is out of hours and keeps one unopened alert per client and clinic.
2. `route_alerts` runs on every `between runjobs` pass, before email goes out: it
   notifies the route, then escalates what stayed unopened.
3. `reach` tells the client, as the prompt appears, what will happen and when.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from between.accounts.models import CareLink, Clinic, OutOfHours, User
from between.audit.models import Action
from between.audit.services import record
from between.care.models import Flag, OutboundEmail, UrgentAlert
from between.care.windows import is_open, release_time

URGENT = "urgent"
# The prompt describes an alert made this recently: the one the client just caused.
JUST_NOW = timedelta(minutes=30)
SUBJECT = "An urgent flag needs attention"
NOBODY = "nobody: the route has no one in it"


def _windows(clinician: User, client: User):
    from between.care.messaging import policy_for

    policy = policy_for(clinician, client)
    return policy.parsed_windows(), ZoneInfo(policy.time_zone)


def in_hours(clinicians, client: User, now: datetime) -> bool:
    """Whether any of these clinicians is in one of their check-in times right now."""
    return any(is_open(*_windows(c, client), now) for c in clinicians)


def next_check_in(clinicians, client: User, now: datetime) -> tuple[datetime, str] | None:
    """The soonest moment one of these clinicians reads, and their time zone's name."""
    soonest = None
    for clinician in clinicians:
        windows, tz = _windows(clinician, client)
        if windows:
            at = release_time(windows, tz, now)
            if soonest is None or at < soonest[0]:
                soonest = (at, tz)
    return soonest


def open_alerts(client: User, flags: list[Flag], now: datetime | None = None) -> list[UrgentAlert]:
    """After urgent flags are raised: if every flagged clinician is outside their check-in
    times, one alert per clinic, unless one for this client is still waiting unopened."""
    now = now or timezone.now()
    clinicians = User.objects.filter(pk__in={f.clinician_id for f in flags},
                                     clinic__isnull=False).select_related("clinic")
    # A deactivated clinician reads nothing: their check-in times don't count.
    if not clinicians or in_hours([c for c in clinicians if c.is_active], client, now):
        return []
    summary = flags[0].summary
    made = []
    for clinic in {c.clinic for c in clinicians}:
        waiting = UrgentAlert.objects.filter(clinic=clinic, client=client, opened_at__isnull=True,
                                             route__in=[OutOfHours.DUTY, OutOfHours.INBOX])
        if clinic.routes_out_of_hours and waiting.exists():
            continue
        made.append(UrgentAlert.objects.create(clinic=clinic, client=client, summary=summary,
                                               route=clinic.out_of_hours, created_at=now))
    return made


def _link(alert: UrgentAlert) -> str:
    return f"{settings.SITE_URL}/care/urgent/{alert.pk}/"


def _email(alert: UrgentAlert, *, to: str, note: str) -> None:
    OutboundEmail.queue(to=to, subject=SUBJECT, text=(
        f"{SUBJECT} in Between.\n\nOpen it (you'll be asked to sign in): {_link(alert)}\n"
        f"{note}"))


def _push(alert: UrgentAlert, person: User | None, field: str) -> None:
    """Push to the person's devices after the alert's transaction has committed, so no
    push service's answer ever holds a database lock; then say so on the alert."""
    from between.accounts.services import push_to

    if person is not None and push_to(person, kind="urgent"):
        label = f"{person} (email and push)"
        UrgentAlert.objects.filter(pk=alert.pk).update(**{field: label})


def _escalation_note(clinic: Clinic) -> str:
    if clinic.escalate_to_id:
        return (f"\nIf nobody says they're on it within {clinic.escalate_after_minutes} "
                f"minutes, "
                f"{clinic.escalate_to} will be told too.\n")
    return ""


def _claim(queryset, pk) -> UrgentAlert | None:
    return (queryset.select_for_update(skip_locked=True, of=("self",)).filter(pk=pk)
            .select_related("clinic__duty_clinician", "clinic__escalate_to").first())


def route_alerts(now: datetime | None = None) -> int:
    """Notify each clinic's out-of-hours route of new alerts, then escalate the ones
    nobody opened in time. Each alert is claimed in its own transaction, so two workers
    never notify twice; pushes go after it commits. Returns how many were notified."""
    now = now or timezone.now()
    sent = 0
    fresh = UrgentAlert.objects.filter(notified_at__isnull=True, opened_at__isnull=True,
                                       route__in=[OutOfHours.DUTY, OutOfHours.INBOX])
    for pk in fresh.values_list("pk", flat=True):
        person = None
        with transaction.atomic():
            alert = _claim(fresh, pk)
            if alert is None:
                continue
            clinic = alert.clinic
            duty = clinic.duty_clinician if clinic.out_of_hours == OutOfHours.DUTY else None
            if duty is not None and duty.is_active:
                person = duty
                _email(alert, to=duty.email, note=_escalation_note(clinic))
                alert.notified = f"{duty} (email)"
            elif clinic.out_of_hours == OutOfHours.INBOX and clinic.team_inbox:
                _email(alert, to=clinic.team_inbox, note=_escalation_note(clinic))
                alert.notified = f"{clinic.team_inbox} (email)"
            else:
                # The route points at nobody (a duty clinician who has left): say so, and
                # the second person hears of it at once, below.
                alert.notified = NOBODY
            alert.notified_at = now
            alert.save(update_fields=["notified", "notified_at"])
            record(Action.URGENT_ROUTED, subject=alert.client_id,
                   detail={"alert": str(alert.pk), "to": alert.notified})
            sent += alert.notified != NOBODY
        _push(alert, person, "notified")
    due = UrgentAlert.objects.filter(notified_at__isnull=False, opened_at__isnull=True,
                                     escalated_at__isnull=True,
                                     clinic__escalate_to__isnull=False)
    for pk in due.values_list("pk", flat=True):
        person = None
        with transaction.atomic():
            alert = _claim(due, pk)
            if alert is None:
                continue
            clinic = alert.clinic
            waited = now - alert.notified_at
            if alert.notified != NOBODY and waited < timedelta(
                    minutes=clinic.escalate_after_minutes):
                continue
            second = clinic.escalate_to
            if second.is_active:
                person = second
                _email(alert, to=second.email, note=(
                    "\nNobody has said they're on it yet. You are the clinic's second person for "
                    "urgent flags out of hours.\n"))
                alert.escalated = f"{second} (email)"
                sent += 1
            else:
                alert.escalated = "nobody: the second person has left"
            alert.escalated_at = now
            alert.save(update_fields=["escalated", "escalated_at"])
            record(Action.URGENT_ESCALATED, subject=alert.client_id,
                   detail={"alert": str(alert.pk), "to": alert.escalated})
        _push(alert, person, "escalated")
    return sent


def can_open(user: User, alert: UrgentAlert) -> bool:
    return (user.is_clinician or user.is_admin) and user.clinic_id == alert.clinic_id


@transaction.atomic
def take_alert(alert: UrgentAlert, *, actor: User) -> None:
    """Someone says they're on it: the escalation stops. Only a person pressing the
    button does this, never a link being followed (a mail scanner, a preview)."""
    if alert.opened_at is None:
        alert.opened_at = timezone.now()
        alert.opened_by = actor
        alert.save(update_fields=["opened_at", "opened_by"])
        record(Action.URGENT_TAKEN, actor=actor, subject=alert.client_id,
               detail={"alert": str(alert.pk)})


@dataclass
class Reach:
    """What the client is told will happen to what they just wrote."""

    kind: str  # "routed", "waiting", "in_hours", "next" or "nobody"
    clinic: str = ""
    route: str = ""
    when: str = ""  # the next check-in time, in the client's own words and time zone


def _when(at: datetime | None, client: User) -> str:
    if at is None:
        return ""
    local = at.astimezone(ZoneInfo(client.time_zone))
    return (f"{local:%A %-d %B} at {local:%-I:%M%p}".replace("AM", "am")
            .replace("PM", "pm"))


def reach(client: User, now: datetime | None = None) -> Reach:
    """Who will hear of the words this client just wrote, and when. Read as the prompt
    shows, moments after the save: the flags and any alert it made are the recent ones."""
    now = now or timezone.now()
    recent = now - JUST_NOW
    alert = (UrgentAlert.objects.filter(client=client, created_at__gte=recent)
             .select_related("clinic").first())
    flagged = set(Flag.objects.filter(client=client, created_at__gte=recent)
                  .values_list("clinician_id", flat=True))
    linked = CareLink.objects.active().filter(client=client, clinician__is_active=True)
    if flagged:
        linked = linked.filter(clinician_id__in=flagged)
    clinicians = [link.clinician for link in linked.select_related("clinician")]
    soonest = next_check_in(clinicians, client, now)
    when = _when(soonest and soonest[0], client)
    if alert is not None and alert.routed:
        return Reach("routed", clinic=alert.clinic.name, route=alert.route)
    if alert is not None:
        return Reach("waiting", clinic=alert.clinic.name, when=when)
    if not clinicians:
        return Reach("nobody")
    if in_hours(clinicians, client, now):
        return Reach("in_hours")
    return Reach("next", when=when)
