"""The summary on A4: the person's sections in their own words, then, if they chose,
small charts of their questionnaire scores and daily urges over the period."""

from datetime import date
from io import BytesIO

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

from between.safety.pdf import A4_WIDTH, _styles, para

INK, LINE, BAND = colors.HexColor("#2e5e7e"), colors.HexColor("#9aa5ad"), "#e8eff3"
WIDTH, HEIGHT, LEFT, BOTTOM = A4_WIDTH, 42 * mm, 12 * mm, 7 * mm


def chart(title: str, points: list[tuple[date, float]], low: float, high: float,
          start: date, end: date, bands: tuple = ()) -> Drawing:
    """A line over the period, dates along the bottom; bands, if any, shaded behind."""
    d = Drawing(WIDTH, HEIGHT)
    plot_w, plot_h = WIDTH - LEFT - 4, HEIGHT - BOTTOM - 22  # room for the title
    span = max((end - start).days, 1)

    def xy(day: date, value: float) -> tuple[float, float]:
        return (LEFT + plot_w * (day - start).days / span,
                BOTTOM + plot_h * (value - low) / ((high - low) or 1))

    for n, edge in enumerate(bands):
        if n % 2:
            top = bands[n + 1] if n + 1 < len(bands) else high
            d.add(Rect(LEFT, xy(start, edge)[1], plot_w, xy(start, top)[1] - xy(start, edge)[1],
                       fillColor=colors.HexColor(BAND), strokeColor=None))
    d.add(Line(LEFT, BOTTOM, LEFT + plot_w, BOTTOM, strokeColor=LINE, strokeWidth=0.5))
    for value in (low, high):
        d.add(String(LEFT - 2, xy(start, value)[1] - 3, f"{value:g}", fontName="DejaVu",
                     fontSize=7, textAnchor="end", fillColor=LINE))
    d.add(String(LEFT, 1, f"{start:%-d %b}", fontName="DejaVu", fontSize=7, fillColor=LINE))
    d.add(String(LEFT + plot_w, 1, f"{end:%-d %b}", fontName="DejaVu", fontSize=7,
                 textAnchor="end", fillColor=LINE))
    d.add(String(0, HEIGHT - 10, title, fontName="DejaVu-Bold", fontSize=9,
                 fillColor=colors.HexColor("#1d2b36")))
    coords = [xy(day, value) for day, value in points]
    if len(coords) > 1:
        d.add(PolyLine([c for pair in coords for c in pair], strokeColor=INK, strokeWidth=1.2))
    for x, y in coords:
        d.add(Circle(x, y, 1.6, fillColor=INK, strokeColor=None))
    return d


def summary_pdf(summary, parts: list[dict], charts: list[Drawing]) -> bytes:
    s = _styles()
    title = "Before my appointment"
    story = [Paragraph(title, s["title"])]
    if summary.purpose:
        story.append(para(summary.purpose, s["h"], A4_WIDTH))
    story.append(Paragraph(f"Drawing on {summary.starts_on:%-d %B %Y} to "
                           f"{summary.ends_on:%-d %B %Y}.", s["muted"]))
    for p in parts:
        if not p["include"] or not p["text"].strip():
            continue
        block = [Spacer(1, 4 * mm), Paragraph(p["section"].heading, s["h"])]
        block += [para(line, s["item"], A4_WIDTH) for line in p["text"].splitlines()
                  if line.strip()]
        story.append(KeepTogether(block))
    if charts:
        story += [Spacer(1, 4 * mm), Paragraph("Charts", s["h"])]
        story += [KeepTogether([c, Spacer(1, 3 * mm)]) for c in charts]
    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title=title, leftMargin=18 * mm, rightMargin=18 * mm,
                      topMargin=16 * mm, bottomMargin=16 * mm).build(story)
    return buf.getvalue()
