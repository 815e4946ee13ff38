"""The week grid: items down, days across, as text cells. Used by the page and the PDF."""

from datetime import date

from between.diary.models import Card, Kind
from between.skills import library


def _number(value) -> str:
    return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)


class Cell(str):
    """A cell's text, and whether it reaches one of the client's safety thresholds (an
    urge rated at or over theirs, or a safety behaviour logged)."""

    reached = False


def week_rows(items: dict, cards: dict[date, Card], days: list[date],
              reached: frozenset[tuple[date, str, str]] = frozenset()):
    """(row label, [cell per day]) for every row of the paper card. `reached` holds the
    (day, item kind, item slug) at a safety threshold, from `services.reached`."""
    rows = []

    def row(label, get, item=None):
        cells = []
        for d in days:
            cell = Cell(get(cards[d]) if d in cards else "")
            cell.reached = item is not None and (d, item.kind, item.slug) in reached
            cells.append(cell)
        rows.append((label, cells))

    for item in items[Kind.URGE]:
        row(item.label, lambda c, s=item.slug: _number(c.urges.get(s)), item)
    for item in items[Kind.BEHAVIOUR]:
        def behaviour(c, s=item.slug):
            b = c.behaviours.get(s)
            if not b:
                return ""
            mark = "yes" if b.get("done") else "no"
            return f"{mark} ({_number(b['amount'])})" if b.get("amount") is not None else mark
        row(item.label, behaviour, item)
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
