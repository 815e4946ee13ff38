"""The caseload at a glance: one row per client, sorted by need, in a fixed number of
queries however many clients there are."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from between.accounts.models import CareLink, User
from between.care.models import Flag, SessionFeedback, TherapySession
from between.care.sessions import feedback_trend
from between.diary.models import Card


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

    @property
    def feedback_trend(self) -> str:
        return feedback_trend(self.feedback)

    @property
    def highest_urge(self) -> int:
        return max(self.top_urges.values(), default=0)

    @property
    def need(self) -> tuple:
        """Open flags first, then high urges, then a dipping feedback trend, then gaps."""
        return (-self.open_flags, -self.highest_urge,
                -(self.feedback_trend == "dipping"), -(self.missed_days or 0),
                self.client.display_name.lower())


def caseload(clinician: User, today: date | None = None) -> list[Row]:
    """1. The clinician's active links (one query).
    2. Diary facts for clients sharing the diary: last card, this week's cards (two).
    3. Open flags visible under the scopes shared now (one).
    4. Next sessions and the last three feedback ratings (two).
    """
    today = today or timezone.localdate()
    week_ago = today - timedelta(days=6)
    links = list(CareLink.objects.active().filter(clinician=clinician).select_related("client"))
    rows = {link.client_id: Row(link.client, link) for link in links}
    diary_ids = [cid for cid, r in rows.items() if r.link.share_diary]
    last = (Card.objects.filter(client_id__in=diary_ids).values("client_id")
            .annotate(last=Max("day")))
    for item in last:
        rows[item["client_id"]].last_card = item["last"]
    seen = defaultdict(set)
    for card in Card.objects.filter(client_id__in=diary_ids, day__gte=week_ago,
                                    day__lte=today).only("client_id", "day", "urges"):
        seen[card.client_id].add(card.day)
        top = rows[card.client_id].top_urges
        for slug, value in card.urges.items():
            top[slug] = max(top.get(slug, 0), value)
    for cid in diary_ids:
        rows[cid].missed_days = 7 - len(seen[cid])
    flags = Flag.objects.open().filter(clinician=clinician, client_id__in=rows).only(
        "client_id", "scope")
    for flag in flags:
        row = rows[flag.client_id]
        if flag.scope in (*row.link.scopes(), "messages"):
            row.open_flags += 1
    nearest = {}
    for s in TherapySession.objects.filter(
            clinician=clinician, client_id__in=rows, starts_at__gte=timezone.now(),
            kind=TherapySession.Kind.SCHEDULED).only("client_id", "starts_at"):
        if s.client_id not in nearest or s.starts_at < nearest[s.client_id]:
            nearest[s.client_id] = s.starts_at
    for cid, when in nearest.items():
        rows[cid].next_session = when
    since = timezone.now() - timedelta(days=180)
    recent = (SessionFeedback.objects.filter(session__clinician=clinician, client_id__in=rows,
                                             created_at__gte=since)
              .order_by("created_at").only("client_id", "overall"))
    for fb in recent:
        rows[fb.client_id].feedback = [*rows[fb.client_id].feedback, fb.overall][-3:]
    return sorted(rows.values(), key=lambda r: r.need)
