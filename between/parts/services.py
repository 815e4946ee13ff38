"""Every write to parts and the front log goes through here, with its screening; and the
week as both sides read it."""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import models, transaction
from django.utils import timezone

from between.accounts.models import User
from between.lib.fields import opened
from between.parts.models import PRIVATE_CHOICES, Front, Part
from between.risk.services import screen_writing
from between.safety.services import client_today

SCREENED_DETAILS = ("description", "helps")


def save_part(client: User, *, part: Part | None = None, name: str, pronouns: str = "",
              age_or_role: str = "", emoji: str = "", colour: str = "",
              description: str = "", helps: str = "", private=()) -> Part:
    """Create or change a part, and screen what the client wrote about them.

    A part's words are the client's words: the screen reads them as it would any other.
    The care team is flagged only when every detail with words in it is shared; a detail
    kept private is never hinted at.
    """
    part = part or Part(client=client)
    part.name, part.pronouns, part.age_or_role = name.strip(), pronouns.strip(), age_or_role
    part.emoji, part.colour = emoji.strip(), colour
    part.description, part.helps = description, helps
    part.private = [key for key in PRIVATE_CHOICES if key in set(private)]
    text = "\n".join(t for t in (description, helps) if t)
    written = [f for f in SCREENED_DETAILS if getattr(part, f)]
    screen_writing(part, text, client=client, scope="parts", where="About a part",
                   day=client_today(client), share=not any(f in part.private for f in written))
    part.save()
    return part


@dataclass
class Logged:
    front: Front
    switched: bool  # it ended someone else's time at the front


@transaction.atomic
def log_front(client: User, *, fronting=(), co_conscious=(), status: str = "",
              kind: str = Front.Kind.FRONT, started_at: datetime | None = None,
              ended_at: datetime | None = None, approximate: bool = False, note: str = "",
              note_shared: bool = False, front: Front | None = None) -> Logged:
    """Record who is (or was) at the front, or time lost, now or after the fact.

    1. Without a start, it starts now.
    2. An open period that started earlier ends where this one starts: a switch.
       Correcting an entry never ends another one.
    3. An open period written after the fact ends where the next one already logged
       begins, so the log never shows two people fronting alone at once.
    4. The note is screened like every written word; the care team hears of it only if
       the client shared the note.
    """
    now = timezone.now()
    started_at = started_at or now
    is_new = front is None
    front = front or Front(client=client)
    # Empty words are stored as nothing: there is nothing to seal.
    front.kind, front.status, front.approximate = kind, status.strip() or None, approximate
    front.started_at, front.ended_at = started_at, ended_at
    newly_shared = note_shared and not front.note_shared
    front.note, front.note_shared = note or None, note_shared
    switched = False
    if is_new and ended_at is None:
        earlier = (Front.objects.select_for_update()
                   .filter(client=client, ended_at__isnull=True, started_at__lt=started_at))
        switched = earlier.update(ended_at=started_at) > 0
        later = (Front.objects.filter(client=client, started_at__gt=started_at)
                 .order_by("started_at").values_list("started_at", flat=True).first())
        front.ended_at = later
    screen_writing(front, note, client=client, scope="parts",
                   where="Lost time" if kind == Front.Kind.LOST else "Front log",
                   day=client_today(client), share=note_shared, newly_shared=newly_shared)
    front.save()
    front.fronting.set(fronting)
    front.co_conscious.set(co_conscious)
    return Logged(front, switched or kind == Front.Kind.LOST)


def names(client: User) -> list[str]:
    """The names of the client's parts, for pickers elsewhere (the diary card)."""
    return [name for p in Part.objects.filter(client=client) if (name := opened(p, "name"))]


def current(client: User) -> Front | None:
    """The period open now, if one is; its start as the client's clock shows it."""
    front = (Front.objects.filter(client=client, ended_at__isnull=True,
                                  started_at__lte=timezone.now())
             .prefetch_related("fronting", "co_conscious").order_by("-started_at").first())
    if front:
        front.local_start = timezone.localtime(front.started_at, ZoneInfo(client.time_zone))
    return front


@dataclass
class Day:
    day: object
    fronts: list = field(default_factory=list)


@dataclass
class Week:
    """One week of the log, as a clinician with the `parts` scope sees it."""

    start: datetime
    end: datetime
    days: list[Day]
    switches: int
    lost: timedelta
    by_part: list[tuple[Part, timedelta]]
    notes: list[Front]


def _clip(front: Front, start: datetime, end: datetime, now: datetime) -> timedelta:
    return max(timedelta(0), min(front.ended_at or now, end) - max(front.started_at, start))


def week(client: User, *, ending=None) -> Week:
    """The seven days up to and including `ending` (the client's today by default), in
    the client's own time zone. Everything is read in three queries."""
    tz = ZoneInfo(client.time_zone)
    last = ending or client_today(client)
    first = last - timedelta(days=6)
    start = datetime.combine(first, datetime.min.time(), tz)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), tz)
    now = timezone.now()
    fronts = list(Front.objects.filter(client=client).between(start, end)
                  .prefetch_related("fronting", "co_conscious").order_by("started_at"))
    days = [Day(first + timedelta(days=n)) for n in range(7)]
    for front in fronts:
        front.local_start = timezone.localtime(front.started_at, tz)
        front.local_end = timezone.localtime(front.ended_at, tz) if front.ended_at else None
        for d in days:
            d_start = datetime.combine(d.day, datetime.min.time(), tz)
            if _clip(front, d_start, d_start + timedelta(days=1), now):
                d.fronts.append(front)
    time_by_part: dict = {}
    for front in fronts:
        if front.kind == Front.Kind.FRONT:
            for part in front.fronting.all():
                time_by_part[part] = time_by_part.get(part, timedelta(0)) + _clip(
                    front, start, end, now)
    return Week(
        start=start, end=end, days=days,
        switches=sum(1 for f in fronts if f.kind == Front.Kind.FRONT and f.started_at >= start),
        lost=sum((_clip(f, start, end, now) for f in fronts if f.kind == Front.Kind.LOST),
                 timedelta(0)),
        by_part=sorted(time_by_part.items(), key=lambda kv: -kv[1]),
        notes=[f for f in fronts if f.note_shared and f.readable["note"]],
    )


def local(at: datetime | None, client: User) -> datetime | None:
    """A moment as the client's clock shows it, for a form's date-and-time picker."""
    if at is None:
        return None
    return timezone.localtime(at, ZoneInfo(client.time_zone)).replace(tzinfo=None)


def writers(client: User, start: datetime, end: datetime) -> list[Part]:
    """The parts who wrote journal entries the client shared in [start, end), each with
    `wrote`, the number. One query."""
    shared = models.Q(journal_entries__shared=True, journal_entries__created_at__gte=start,
                      journal_entries__created_at__lt=end)
    return list(Part.objects.filter(client=client)
                .annotate(wrote=models.Count("journal_entries", filter=shared))
                .filter(wrote__gt=0))
