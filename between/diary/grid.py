"""The week grid: items down, days across, as text cells. Used by the page and the PDF."""

from datetime import date

from between.diary.models import Card, Kind
from between.skills import library


def _number(value) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


def week_rows(items: dict, cards: dict[date, Card], days: list[date]):
    """(row label, [cell per day]) for every row of the paper card."""
    rows = []

    def row(label, get):
        rows.append((label, [get(cards[d]) if d in cards else "" for d in days]))

    for item in items[Kind.URGE]:
        row(item.label, lambda c, s=item.slug: _number(c.urges.get(s)))
    for item in items[Kind.BEHAVIOUR]:
        def behaviour(c, s=item.slug):
            b = c.behaviours.get(s)
            if not b:
                return ""
            mark = "yes" if b.get("done") else "no"
            return f"{mark} ({_number(b['amount'])})" if b.get("amount") is not None else mark
        row(item.label, behaviour)
    for item in items[Kind.EMOTION]:
        row(item.label, lambda c, s=item.slug: _number(c.emotions.get(s)))
    skills = library.skills()
    row("Skills used", lambda c: ", ".join(skills[s].name for s in c.skills if s in skills))
    row("How I used skills (0-7)", lambda c: _number(c.skills_rating))
    row("Medication as prescribed",
        lambda c: {True: "yes", False: "no", None: ""}[c.as_prescribed])
    row("As-needed doses", lambda c: ", ".join(d["name"] for d in c.as_needed))
    row("Sleep (hours)", lambda c: _number(float(c.sleep_hours) if c.sleep_hours is not None
                                           else None))
    row("Note written", lambda c: "yes" if c.note else "")
    return rows
