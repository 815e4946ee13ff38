"""The summary's charts, for the period: each questionnaire's scores, and the daily
urges to die and to self-harm. The same data drawn twice: SVG for the page, ReportLab
for the PDF."""

from datetime import timedelta

from between.diary.charts import line_chart
from between.diary.models import Card, Kind
from between.diary.services import items_for
from between.measures import services as measures
from between.measures.charts import trend_chart
from between.measures.library import shown
from between.summary.pdf import chart


def _in_period(summary):
    """(measure, points in the period) for each measure with a score in it."""
    found = []
    for measure, points in measures.histories(summary.client):
        inside = [p for p in points
                  if summary.starts_on <= p.response.completed_at.date() <= summary.ends_on]
        if inside:
            found.append((measure, inside))
    return found


def _urges(summary) -> list[tuple[str, list]]:
    """(label, [(day, rating or None)]) for each safety urge with any rating."""
    cards = {c.day: c.urges for c in Card.objects.filter(
        client=summary.client, day__gte=summary.starts_on, day__lte=summary.ends_on)}
    days = [summary.starts_on + timedelta(days=n)
            for n in range((summary.ends_on - summary.starts_on).days + 1)]
    found = []
    for item in items_for(summary.client)[Kind.URGE]:
        if item.trigger in ("die", "self_harm"):
            points = [(d, cards.get(d, {}).get(item.slug)) for d in days]
            if any(v is not None for _, v in points):
                found.append((item.label, points))
    return found


def svg_charts(summary) -> list:
    return ([trend_chart(m, points) for m, points in _in_period(summary)]
            + [line_chart(label, points, 5) for label, points in _urges(summary)])


def pdf_charts(summary) -> list:
    start, end = summary.starts_on, summary.ends_on
    drawn = [chart(f"{m.name} (out of {shown(m.high)})",
                   [(p.response.completed_at.date(), float(p.total)) for p in points],
                   float(m.low), float(m.high), start, end,
                   bands=tuple(float(b.start) for b in m.bands))
             for m, points in _in_period(summary)]
    drawn += [chart(f"{label} (0 to 5)", [(d, v) for d, v in points if v is not None],
                    0, 5, start, end) for label, points in _urges(summary)]
    return drawn
