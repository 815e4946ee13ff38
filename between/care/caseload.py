"""The caseload at a glance: one row per client, sorted by need, in a fixed number of
queries however many clients there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Max, Min
from django.utils import timezone

from between.accounts.models import CareLink, User
from between.care import todo
from between.care.flags import RANK, level_words, rank
from between.care.models import MESSAGES, Flag, SessionFeedback, TherapySession
from between.care.sessions import feedback_trend
from between.diary.models import OWN_SLUG_PREFIX, Card, CardItem, Kind
from between.diary.template_data import default_card

HIGH_URGE = 4      # an urge this high this week is a reason of its own
NO_CARD_DAYS = 3   # "no card for 3+ days", the filter the issue asks for
FILTERS = {"all": "Everyone", "flags": "Flags open", "no_card": "No card for 3+ days",
           "dipping": "Feedback dipping", "worse": "A questionnaire score worse"}


@dataclass
class Row:
    client: User
    link: CareLink
    last_card: date | None = None
    top_urges: dict[str, int] = field(default_factory=dict)
    open_flags: int = 0
    missed_days: int | None = None
    next_session: datetime | None = None
    feedback: list[int] = field(default_factory=list)
    days_since_card: int | None = None
    # "PHQ-9 from 8 to 16": each measure whose latest score is reliably worse than the first.
    worse_scores: list[str] = field(default_factory=list)
    latest_scores: list[str] = field(default_factory=list)  # "PHQ-9 14 (Moderate)"
    # The open flag to look at first: the most serious level, then the latest.
    first_flag: Flag | None = None
    # Messages and check-ins released to the clinician and not yet marked handled.
    to_do: int = 0

    @property
    def feedback_trend(self) -> str:
        return feedback_trend(self.feedback)

    @property
    def highest_urge(self) -> int:
        return max(self.top_urges.values(), default=0)

    @property
    def no_card_lately(self) -> bool:
        """Sharing the diary, and no card for three days or more."""
        return self.link.share_diary and (self.days_since_card is None
                                          or self.days_since_card >= NO_CARD_DAYS)

    @property
    def reason(self) -> str:
        """One line on why this row is where it is, in the order the rows are sorted."""
        if self.open_flags:
            return f"{self.open_flags} flag{'s' if self.open_flags != 1 else ''} to look at"
        if self.highest_urge >= HIGH_URGE:
            label = max(self.top_urges, key=self.top_urges.get)
            return f"{label} at {self.highest_urge} this week"
        if self.worse_scores:
            return "Worse than at the start: " + ", ".join(self.worse_scores)
        if self.feedback_trend == "dipping":
            return "Session feedback dipping"
        if self.no_card_lately:
            return ("No diary card yet" if self.days_since_card is None
                    else f"Last diary card {self.days_since_card} days ago")
        return "Nothing pressing"

    @property
    def first_flag_words(self) -> str:
        return level_words(self.first_flag) if self.first_flag else ""

    @property
    def need(self) -> tuple:
        """Open flags first, the most serious level before more flags, then high urges,
        then a score reliably worse, then a dipping feedback trend, then gaps."""
        worst = rank(self.first_flag) if self.first_flag else (len(RANK), 0)
        return (worst[0], -self.open_flags, worst[1], -self.highest_urge, -len(self.worse_scores),
                -(self.feedback_trend == "dipping"), -(self.missed_days or 0),
                self.client.display_name.lower())


def caseload(clinician: User, today: date | None = None) -> list[Row]:
    """1. The clinician's active links (one query).
    2. Diary facts for clients sharing the diary: last card, this week's cards, and the
       names of their urges (three).
    3. Open flags visible under the scopes shared now, and the one to open first (one).
    4. Next sessions and the last three feedback ratings (two).
    5. Questionnaire scores, for clients sharing them: first and latest of each (one).
    6. Messages and check-ins not yet handled (two).
    """
    today = today or timezone.localdate()
    week_ago = today - timedelta(days=6)
    links = list(CareLink.objects.active().filter(clinician=clinician).select_related("client"))
    rows = {link.client_id: Row(link.client, link) for link in links}
    diary_ids = [cid for cid, r in rows.items() if r.link.share_diary]
    last = (Card.objects.filter(client_id__in=diary_ids).values("client_id")
            .annotate(last=Max("day")).values_list("client_id", "last"))
    for client_id, day in last:
        rows[client_id].last_card = day
        rows[client_id].days_since_card = (today - day).days
    # Plain tuples rather than model instances: this page runs often, over many rows.
    seen = defaultdict(set)
    for client_id, day, urges in Card.objects.filter(
            client_id__in=diary_ids, day__gte=week_ago, day__lte=today
    ).values_list("client_id", "day", "urges"):
        seen[client_id].add(day)
        top = rows[client_id].top_urges
        for slug, value in urges.items():
            top[slug] = max(top.get(slug, 0), value)
    for cid in diary_ids:
        rows[cid].missed_days = 7 - len(seen[cid])
    # Built-in urges are named by the default card; only a client's own are decrypted.
    built_in = {item["slug"]: item["label"] for item in default_card()["urges"]}
    own = {(item.client_id, item.slug): item.label for item in CardItem.objects.filter(
        client_id__in=diary_ids, kind=Kind.URGE, slug__startswith=OWN_SLUG_PREFIX, slug__in={
            slug for cid in diary_ids for slug in rows[cid].top_urges})}
    for cid in diary_ids:
        rows[cid].top_urges = {
            own.get((cid, slug)) or built_in.get(slug) or "an urge of their own": value
            for slug, value in rows[cid].top_urges.items()}
    flags = Flag.objects.open().filter(clinician=clinician, client_id__in=rows).only(
        "client_id", "scope", "level", "created_at")
    for flag in flags:
        row = rows[flag.client_id]
        if flag.scope in (*row.link.scopes(), MESSAGES):
            row.open_flags += 1
            if row.first_flag is None or rank(flag) < rank(row.first_flag):
                row.first_flag = flag
    nearest = {}
    for client_id, starts_at in TherapySession.objects.filter(
            clinician=clinician, client_id__in=rows, starts_at__gte=timezone.now(),
            kind=TherapySession.Kind.SCHEDULED).values_list("client_id", "starts_at"):
        if client_id not in nearest or starts_at < nearest[client_id]:
            nearest[client_id] = starts_at
    for cid, when in nearest.items():
        rows[cid].next_session = when
    since = timezone.now() - timedelta(days=180)
    recent = (SessionFeedback.objects.filter(session__clinician=clinician, client_id__in=rows,
                                             created_at__gte=since)
              .order_by("created_at").values_list("client_id", "overall"))
    for client_id, overall in recent:
        rows[client_id].feedback = [*rows[client_id].feedback, overall][-3:]
    _scores(rows)
    for client_id, count in todo.counts(clinician).items():
        if client_id in rows:
            rows[client_id].to_do = count
    return sorted(rows.values(), key=lambda r: r.need)


def _scores(rows: dict[int, Row]) -> None:
    """Each measure's latest score, and those reliably worse than the client's first: the
    first and last times per client and measure (one query), then just those rows (one),
    however many scores a year of weekly questionnaires holds."""
    from between.measures import library
    from between.measures.models import Response

    shared = [cid for cid, r in rows.items() if r.link.share_measures]
    scored = Response.objects.filter(client_id__in=shared, completed_at__isnull=False,
                                     total__isnull=False)
    ends = {(g["client_id"], g["measure"]): (g["first"], g["last"]) for g in scored.values(
        "client_id", "measure").annotate(first=Min("completed_at"), last=Max("completed_at"))}
    if not ends:
        return
    totals, bands = {}, {}
    for cid, slug, at, total, band in scored.filter(
            completed_at__in={at for pair in ends.values() for at in pair}).values_list(
            "client_id", "measure", "completed_at", "total", "band"):
        totals[cid, slug, at], bands[cid, slug, at] = total, band
    for (client_id, slug), (first_at, last_at) in sorted(ends.items()):
        measure = library.get(slug)
        first = totals.get((client_id, slug, first_at))
        last = totals.get((client_id, slug, last_at))
        if measure is None or first is None or last is None:
            continue
        band = bands[client_id, slug, last_at]
        rows[client_id].latest_scores.append(
            f"{measure.name} {library.shown(last)}" + (f" ({band})" if band else ""))
        if measure.change(first, last) == "worse":
            rows[client_id].worse_scores.append(
                f"{measure.name} from {library.shown(first)} to {library.shown(last)}")


def matching(rows: list[Row], *, show: str = "all", search: str = "") -> list[Row]:
    """The rows a filter and a name search leave, in the same order."""
    keep = {"flags": lambda r: r.open_flags > 0, "no_card": lambda r: r.no_card_lately,
            "dipping": lambda r: r.feedback_trend == "dipping",
            "worse": lambda r: bool(r.worse_scores)}.get(show, lambda r: True)
    words = search.casefold().split()
    return [r for r in rows if keep(r) and all(
        w in f"{r.client.display_name} {r.client.email}".casefold() for w in words)]
