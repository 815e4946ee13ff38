"""Questionnaires: asking for them, filling them in page by page, and what follows."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from between.accounts.models import User
from between.audit.models import Action
from between.audit.services import record
from between.care.models import Flag, TherapySession
from between.care.services import raise_flag
from between.lib.errors import FieldError
from between.measures import library
from between.measures.library import Item, Measure
from between.measures.models import Assignment, Response, Schedule
from between.safety.services import client_today

PER_PAGE = 3               # items on one phone screen
WEEK = timedelta(days=7)
BEFORE_SESSION = timedelta(days=3)  # "before each session" opens this long before it


def offered() -> list[Measure]:
    return list(library.measures().values())


@transaction.atomic
def assign(clinician: User, client: User, slug: str, schedule: str) -> Assignment:
    """Ask a client to fill a measure. Asking again for one already asked changes its
    schedule rather than adding a second."""
    if library.get(slug) is None:
        raise FieldError("measure", "Choose one of the questionnaires on the list.")
    if schedule not in Schedule.values:
        raise FieldError("schedule", "Choose how often.")
    assignment = Assignment.objects.active().filter(client=client, clinician=clinician,
                                                    measure=slug).first()
    if assignment:
        assignment.schedule = schedule
        assignment.save(update_fields=["schedule"])
    else:
        assignment = Assignment.objects.create(client=client, clinician=clinician,
                                               measure=slug, schedule=schedule)
    record(Action.MEASURE_ASSIGNED, actor=clinician, subject=client, target=slug,
           detail={"schedule": schedule})
    return assignment


def stop(assignment: Assignment, *, actor: User) -> None:
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    record(Action.MEASURE_STOPPED, actor=actor, subject=assignment.client,
           target=assignment.measure)


@dataclass
class Due:
    measure: Measure
    asked_by: list[User]
    in_progress: Response | None

    @property
    def pages_total(self) -> int:
        return len(pages(self.measure))

    @property
    def pages_done(self) -> int:
        if not self.in_progress:
            return 0
        return sum(1 for page in pages(self.measure)
                   if all(i.key in self.in_progress.answers for i in page))


def _due_since(assignment: Assignment, now: datetime,
               next_session: datetime | None) -> datetime | None:
    """From when a completed response counts for this assignment, or None when nothing
    is asked for now (before-session with no session coming up soon)."""
    if assignment.schedule == Schedule.ONCE:
        return assignment.created_at
    if assignment.schedule == Schedule.WEEKLY:
        return max(assignment.created_at, now - WEEK)
    if next_session is None or next_session - now > BEFORE_SESSION:
        return None
    return max(assignment.created_at, next_session - BEFORE_SESSION)


def due(client: User, now: datetime | None = None) -> list[Due]:
    """What this client has been asked to fill and hasn't yet, in four queries: the
    active assignments, the next session, the latest completed response per measure,
    and any half-done ones."""
    now = now or timezone.now()
    assignments = list(Assignment.objects.active().filter(client=client)
                       .select_related("clinician"))
    if not assignments:
        return []
    next_session = (TherapySession.objects.filter(
        client=client, starts_at__gt=now, kind=TherapySession.Kind.SCHEDULED)
        .order_by("starts_at").values_list("starts_at", flat=True).first())
    latest: dict[str, datetime] = {}
    for slug, at in (Response.objects.filter(client=client, completed_at__isnull=False)
                     .values_list("measure", "completed_at")):
        latest[slug] = max(at, latest.get(slug, at))
    open_ = {r.measure: r for r in Response.objects.filter(client=client,
                                                           completed_at__isnull=True)}
    found: dict[str, Due] = {}
    for a in assignments:
        measure = library.get(a.measure)
        since = _due_since(a, now, next_session)
        if measure is None or since is None or latest.get(a.measure, since - WEEK) >= since:
            continue
        entry = found.setdefault(a.measure, Due(measure, [], open_.get(a.measure)))
        entry.asked_by.append(a.clinician)
    return list(found.values())


def pages(measure: Measure) -> list[tuple[Item, ...]]:
    items = measure.items
    return [items[i:i + PER_PAGE] for i in range(0, len(items), PER_PAGE)]


def start(client: User, slug: str) -> Response:
    """The half-done response for this measure if there is one, so a person who stopped
    comes back to where they were; otherwise a new one."""
    if library.get(slug) is None:
        raise FieldError("measure", "That questionnaire isn't offered here.")
    return (Response.objects.filter(client=client, measure=slug, completed_at__isnull=True)
            .first() or Response.objects.create(client=client, measure=slug))


def first_open_page(response: Response, measure: Measure) -> int:
    for n, page in enumerate(pages(measure)):
        if any(i.key not in response.answers for i in page):
            return n
    return len(pages(measure)) - 1


@dataclass
class Saved:
    response: Response
    finished: bool
    risk: list[Item]


@transaction.atomic
def answer_page(response: Response, page: int, answers: dict[str, int | None]) -> Saved:
    """Keep one page of answers; the last page finishes the questionnaire.

    1. Merge the page's answers into the response (a page saved again replaces its own).
    2. An answer at or above an item's safety threshold, not already acted on in this
       response, flags the clinicians who can see measures. The caller shows the client
       their plan at once, on this page's save, not at the end.
    3. On the last page, score it: total, band, or no total if too much was left out.
    """
    measure = library.get(response.measure)
    response = Response.objects.select_for_update().get(pk=response.pk)
    response.answers = {**response.answers, **answers}
    risky = measure.risk_answers(response.answers)
    new = [i for i in risky if i.key not in response.risk_items]
    if new:
        response.risk_items = [*response.risk_items, *(i.key for i in new)]
        day = client_today(response.client)
        said = "; ".join(f"item {i.key} answered “{_anchor_label(measure, i, response)}”"
                         for i in new)
        raise_flag(response.client, scope="measures", source=Flag.Source.MEASURE, day=day,
                   summary=f"{measure.name}, {day:%a %d %b}: {said}",
                   about=f"measures.response:{response.pk}")
    finished = page >= len(pages(measure)) - 1 and all(
        i.key in response.answers for i in measure.items)
    if finished and response.completed_at is None:
        score = measure.score(response.answers)
        response.completed_at = timezone.now()
        response.total, response.band = score.total, score.band
    response.save()
    return Saved(response, finished, risky)


def _anchor_label(measure: Measure, item: Item, response: Response) -> str:
    value = response.answers[item.key]
    return next((a.label or str(a.value) for a in measure.anchors_for(item)
                 if a.value == value), str(value))


@dataclass
class Point:
    response: Response
    total: Decimal
    band: str
    since_last: Decimal | None
    since_first: Decimal | None
    change: str       # "better", "worse" or "" against the first, by reliable change
    change_last: str  # the same against the one before


def history(client: User, measure: Measure) -> list[Point]:
    """Every scored response to one measure, oldest first, each with its change."""
    points: list[Point] = []
    scored = (Response.objects.filter(client=client, measure=measure.slug,
                                      completed_at__isnull=False, total__isnull=False)
              .order_by("completed_at"))
    for r in scored:
        first = points[0].total if points else None
        last = points[-1].total if points else None
        points.append(Point(
            r, r.total, r.band,
            since_last=None if last is None else r.total - last,
            since_first=None if first is None else r.total - first,
            change="" if first is None else measure.change(first, r.total),
            change_last="" if last is None else measure.change(last, r.total)))
    return points


def histories(client: User, slugs: list[str] | None = None) -> list[tuple[Measure, list]]:
    """(measure, points) for each measure this client has a score on, or is asked for."""
    asked = set(Assignment.objects.active().filter(client=client)
                .values_list("measure", flat=True))
    answered = set(Response.objects.filter(client=client, completed_at__isnull=False)
                   .values_list("measure", flat=True))
    wanted = (asked | answered) if slugs is None else set(slugs)
    return [(m, history(client, m)) for slug, m in library.measures().items()
            if slug in wanted]


def worsening(points: list[Point]) -> Point | None:
    """The latest score, when it is reliably worse than the first."""
    return points[-1] if points and points[-1].change == "worse" else None


@dataclass
class Completed:
    response: Response
    measure: Measure
    change: str  # "better", "worse" or "" against the client's first score on it


def completed_since(clinician: User, since: datetime) -> list[Completed]:
    """Questionnaires finished since `since` by this clinician's clients who share their
    scores, newest first, each with its reliable change against that client's first.
    Three queries, however many there are."""
    from django.db.models import Min

    from between.accounts.models import CareLink

    clients = CareLink.objects.with_scope("measures").filter(clinician=clinician).values(
        "client_id")
    recent = [r for r in Response.objects.filter(client_id__in=clients, completed_at__gte=since)
              .select_related("client").order_by("-completed_at") if library.get(r.measure)]
    scored = Response.objects.filter(client_id__in={r.client_id for r in recent},
                                     completed_at__isnull=False, total__isnull=False)
    firsts = {(g["client_id"], g["measure"]): g["first"] for g in scored.values(
        "client_id", "measure").annotate(first=Min("completed_at"))}
    first_totals = {(cid, slug): total for cid, slug, at, total in scored.filter(
        completed_at__in=set(firsts.values())).values_list(
        "client_id", "measure", "completed_at", "total")
        if firsts.get((cid, slug)) == at}
    completed = []
    for r in recent:
        measure, first = library.get(r.measure), first_totals.get((r.client_id, r.measure))
        change = ("" if r.total is None or first is None
                  else measure.change(first, r.total))
        completed.append(Completed(r, measure, change))
    return completed
