"""Sessions as an iCalendar feed (RFC 5545), for a calendar app to poll.

Each event says "Session" and when, nothing else: no name, no clinic, no notes. A
cancelled session stays in the feed as cancelled, so calendars that had it drop it.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from icalendar import Calendar, Event

from between.accounts.models import User
from between.care.models import CalendarFeed, SessionChange, TherapySession

PREFIX = "cal_"
LENGTH = timedelta(minutes=50)  # a session's usual length; the feed says nothing more
SINCE = timedelta(days=90)
CHANGED = (SessionChange.What.RESCHEDULED, SessionChange.What.CANCELLED)
SHOWN = (TherapySession.Kind.SCHEDULED, TherapySession.Kind.ATTENDED,
         TherapySession.Kind.PHONE, TherapySession.Kind.CANCELLED)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def make_feed(user: User) -> str:
    """A new secret for this person's feed; any earlier link stops working."""
    secret = PREFIX + secrets.token_urlsafe(24)
    CalendarFeed.objects.update_or_create(user=user, defaults={
        "digest": _digest(secret), "created_at": timezone.now()})
    return secret


def stop_feed(user: User) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def owner_of(secret: str) -> User | None:
    if not secret.startswith(PREFIX):
        return None
    feed = (CalendarFeed.objects.select_related("user")
            .filter(digest=_digest(secret), user__is_active=True).first())
    return feed.user if feed else None


def ics(user: User) -> bytes:
    sessions = TherapySession.objects.filter(
        **({"clinician": user} if user.is_clinician else {"client": user}),
        kind__in=SHOWN, starts_at__gte=timezone.now() - SINCE).annotate(
        versions=Count("changes", filter=Q(changes__what__in=CHANGED))).order_by("starts_at")
    calendar = Calendar()
    calendar.add("prodid", "-//Between//Sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Sessions")
    now = timezone.now()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "between"
    for session in sessions:
        event = Event()
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.starts_at + LENGTH)
        event.add("summary", "Session")
        cancelled = session.kind == TherapySession.Kind.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        # Each change (moved, cancelled) is a new version of the same event to a calendar.
        event.add("sequence", max(session.versions, int(cancelled)))
        calendar.add_component(event)
    return calendar.to_ical()
