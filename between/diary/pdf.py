"""The week as a PDF, laid out like a paper diary card."""

from datetime import timedelta
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

from between.diary.grid import week_rows
from between.safety.pdf import _styles, para

LABEL_WIDTH, DAY_WIDTH = 70 * mm, 28 * mm
PADDING = 12  # the table's own cell padding, left and right together


REACHED = colors.HexColor("#fbe3cc")  # the page's calm warm shade, never an alarm red


def week_pdf(client, start, items, cards, *, reached=frozenset(), heading: str = "",
             footer: str = "") -> bytes:
    """Every cell wraps inside its column, so a long list of skills stays in its day.
    Cells in `reached` (see `grid.week_rows`) are shaded, with a key saying why."""
    s = _styles(scale=0.85)
    cell = ParagraphStyle("cell", parent=s["item"], leftIndent=0, fontSize=8,
                          leading=10, alignment=TA_CENTER)
    days = [start + timedelta(days=i) for i in range(7)]
    header = ["", *[f"{d:%a} {d.day}" for d in days]]
    rows = week_rows(items, cards, days, reached)
    body = [[para(label, s["item"], LABEL_WIDTH - PADDING),
             *[para(str(c), cell, DAY_WIDTH - PADDING) if c != "" else "" for c in cells]]
            for label, cells in rows]
    shaded = [("BACKGROUND", (col, row), (col, row), REACHED)
              for row, (_, cells) in enumerate(rows, start=1)
              for col, c in enumerate(cells, start=1) if c.reached]
    table = Table([header, *body], colWidths=[LABEL_WIDTH] + [DAY_WIDTH] * 7, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "DejaVu", 8.5),
        ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5ad")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef2")),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        *shaded,
    ]))
    title = heading or "Diary card"
    story = [para(f"{title}: {start:%d %b} to {days[-1]:%d %b %Y}", s["title"],
                  LABEL_WIDTH + 7 * DAY_WIDTH), table]
    if shaded:
        story.append(para("Shaded: at or over the client's own safety thresholds, or a "
                          "safety behaviour logged.", s["item"], LABEL_WIDTH + 7 * DAY_WIDTH))
    if footer:
        story.append(para(footer, s["item"], LABEL_WIDTH + 7 * DAY_WIDTH))
    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), title="Diary card",
                      leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                      bottomMargin=12 * mm).build(story)
    return buf.getvalue()
