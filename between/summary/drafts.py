"""Drafting "Before my appointment" from what Between already holds for a period.

Each drafter returns plain sentences in the first person, the way a person might write
their own notes; the page says where each came from, and the person changes or drops
anything. Nothing here judges: it counts, and says what was written down.
"""

import json
from collections import Counter
from datetime import date
from statistics import mean

from between.accounts.models import User
from between.care.models import CheckIn
from between.diary.models import Card, Kind
from between.diary.services import items_for
from between.measures import library as measures
from between.measures.models import Response
from between.safety.models import CrisisEpisode
from between.safety.services import current_version
from between.skills import library as skills
from between.skills.models import Practice

HIGH = 4  # a rating this high (of 5) is counted as a hard day for that row


class Period:
    """Everything the drafters read, fetched once for the period."""

    def __init__(self, client: User, start: date, end: date):
        self.client, self.start, self.end = client, start, end
        self.items = items_for(client)
        self.cards = list(Card.objects.filter(client=client, day__gte=start, day__lte=end)
                          .order_by("day"))
        self.episodes = list(CrisisEpisode.objects.filter(client=client, day__gte=start,
                                                          day__lte=end).order_by("day"))
        plan = current_version(client)
        self.plan = plan.data() if plan else {}

    def ratings(self, kind: str, slug: str) -> list[tuple[date, int]]:
        field = "urges" if kind == Kind.URGE else "emotions"
        return [(c.day, getattr(c, field)[slug]) for c in self.cards
                if getattr(c, field).get(slug) is not None]

    def done_days(self, slug: str) -> list[date]:
        return [c.day for c in self.cards if c.behaviours.get(slug, {}).get("done")]


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


def _rating_line(label: str, values: list[tuple[date, int]]) -> str:
    scores = [v for _, v in values]
    high = [d for d, v in values if v >= HIGH]
    line = (f"{label}: on average {mean(scores):.1f} out of 5 over the {_days(len(scores))} "
            f"I rated it")
    if high:
        peak = max(scores)
        on = next(d for d, v in values if v == peak)
        line += f"; {HIGH} or more on {_days(len(high))}, highest {peak} on {on:%-d %B}"
    return line + "."


def happening(p: Period) -> str:
    checkins = CheckIn.objects.filter(client=p.client, sent_at__date__gte=p.start,
                                      sent_at__date__lte=p.end).order_by("sent_at")
    lines = [f"{c.sent_at:%-d %B}: {c.how_it_went.strip()}" for c in checkins
             if c.how_it_went.strip()]
    return "\n".join(lines)


def symptoms(p: Period) -> str:
    lines = [_rating_line(item.label, values)
             for item in p.items[Kind.EMOTION]
             if (values := p.ratings(Kind.EMOTION, item.slug))]
    latest: dict[str, Response] = {}  # one query: the last score of each, in the period
    for r in (Response.objects.filter(client=p.client, completed_at__date__gte=p.start,
                                      completed_at__date__lte=p.end, total__isnull=False)
              .order_by("completed_at")):
        latest[r.measure] = r
    for slug, measure in measures.measures().items():
        if slug in latest:
            r = latest[slug]
            lines.append(f"{measure.name} on {r.completed_at:%-d %B}: "
                         f"{measures.shown(r.total)} out of {measures.shown(measure.high)}"
                         + (f" ({r.band})." if r.band else "."))
    return "\n".join(lines)


def impact(p: Period) -> str:
    lines = []
    sleep = [float(c.sleep_hours) for c in p.cards if c.sleep_hours is not None]
    if sleep:
        lines.append(f"Sleep: {mean(sleep):.1f} hours a night on average, between "
                     f"{min(sleep):g} and {max(sleep):g}, over the {_days(len(sleep))} "
                     "I noted it.")
    for item in p.items[Kind.BEHAVIOUR]:
        if item.direction == item.Direction.INCREASE and p.cards:
            done = p.done_days(item.slug)
            lines.append(f"{item.label}: {len(done)} of the {_days(len(p.cards))} "
                         "I filled in a card.")
    if p.cards:
        total = (p.end - p.start).days + 1
        lines.append(f"I filled in my diary card on {len(p.cards)} of {total} days.")
    return "\n".join(lines)


def events(p: Period) -> str:
    lines = []
    if p.episodes:
        days = ", ".join(f"{e.day:%-d %b}" for e in p.episodes)
        lines.append(f"I reached crisis point and used crisis mode "
                     f"{len(p.episodes)} time{'s' if len(p.episodes) != 1 else ''}: {days}.")
        lines += [f"{e.day:%-d %B}: {e.note.strip()}" for e in p.episodes if e.note.strip()]
    for item in p.items[Kind.BEHAVIOUR]:
        if item.direction != item.Direction.INCREASE and item.slug != "substance_use":
            done = p.done_days(item.slug)
            if done:
                lines.append(f"{item.label}: on {_days(len(done))} "
                             f"({', '.join(f'{d:%-d %b}' for d in done[:10])}"
                             f"{', …' if len(done) > 10 else ''}).")
    return "\n".join(lines)


def medication(p: Period) -> str:
    answered = [c.as_prescribed for c in p.cards if c.as_prescribed is not None]
    lines = []
    if answered:
        lines.append(f"I took my medication as prescribed on {sum(answered)} of the "
                     f"{_days(len(answered))} I noted it.")
    extra = Counter()
    for c in p.cards:
        for dose in json.loads(c.medicines or "[]"):
            extra[(dose.get("name") or "").strip()] += 1
    extra.pop("", None)
    if extra:
        lines.append("As needed: " + ", ".join(
            f"{name} ({n} time{'s' if n != 1 else ''})" for name, n in extra.most_common()) + ".")
    return "\n".join(lines)


def substances(p: Period) -> str:
    lines = [_rating_line(item.label, values) for item in p.items[Kind.URGE]
             if item.slug == "use_substances"
             and (values := p.ratings(Kind.URGE, item.slug))]
    used = p.done_days("substance_use")
    if used:
        lines.append(f"Used alcohol or drugs on {_days(len(used))}.")
    return "\n".join(lines)


def risk(p: Period) -> str:
    lines = [_rating_line(item.label, values) for item in p.items[Kind.URGE]
             if item.trigger in ("die", "self_harm")
             and (values := p.ratings(Kind.URGE, item.slug))]
    signs = p.plan.get("warning_signs", [])
    if p.plan:
        lines.append("I have a safety plan." + (
            f" Signs a hard time is coming for me: {'; '.join(signs)}." if signs else ""))
    return "\n".join(lines)


def helps(p: Period) -> str:
    lines = []
    practice = (Practice.objects.filter(client=p.client, day__gte=p.start, day__lte=p.end)
                .values_list("skill", "helped"))
    by_skill: dict[str, list] = {}
    for slug, helped in practice:
        by_skill.setdefault(slug, []).append(helped)
    known = skills.skills()
    for slug, helps_ in sorted(by_skill.items(), key=lambda kv: -len(kv[1]))[:5]:
        rated = [h for h in helps_ if h is not None]
        name = known[slug].name if slug in known else slug
        lines.append(f"{name}: practised {len(helps_)} time{'s' if len(helps_) != 1 else ''}"
                     + (f", helped {mean(rated):.1f} out of 5 on average." if rated else "."))
    tools = Counter(label for e in p.episodes for label in e.helped_labels())
    if tools:
        lines.append("In crisis mode, what helped: " + ", ".join(
            f"{label} ({n})" for label, n in tools.most_common()) + ".")
    own = p.plan.get("coping_alone", [])
    if own:
        lines.append(f"From my safety plan, things I can do on my own: {'; '.join(own)}.")
    return "\n".join(lines)


DRAFTERS = {"happening": happening, "symptoms": symptoms, "impact": impact,
            "events": events, "medication": medication, "substances": substances,
            "risk": risk, "helps": helps}


def draft(client: User, start: date, end: date) -> dict[str, str]:
    """The drafted text of every section Between can draft, for this period."""
    period = Period(client, start, end)
    return {key: drafter(period) for key, drafter in DRAFTERS.items()}
