"""The week as a PDF, laid out like a paper diary card."""

from datetime import timedelta
from io import BytesIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from between.diary.grid import week_rows
from between.safety.pdf import _styles, para

LABEL_WIDTH, DAY_WIDTH = 70 * mm, 28 * mm
PADDING = 12  # the table's own cell padding, left and right together


def week_pdf(client, start, items, cards) -> bytes:
    """Every cell wraps inside its column, so a long list of skills stays in its day."""
    s = _styles(scale=0.85)
    cell = ParagraphStyle("cell", parent=s["item"], leftIndent=0, fontSize=8,
                          leading=10, alignment=TA_CENTER)
    days = [start + timedelta(days=i) for i in range(7)]
    header = ["", *[f"{d:%a} {d.day}" for d in days]]
    body = [[para(label, s["item"], LABEL_WIDTH - PADDING),
             *[para(str(c), cell, DAY_WIDTH - PADDING) if c != "" else "" for c in cells]]
            for label, cells in week_rows(items, cards, days)]
    table = Table([header, *body], colWidths=[LABEL_WIDTH] + [DAY_WIDTH] * 7, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "DejaVu", 8.5),
        ("FONT", (0, 0), (-1, 0), "DejaVu-Bold", 9),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa5ad")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef2")),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story = [Paragraph(f"Diary card: {start:%d %b} to {days[-1]:%d %b %Y}", s["title"]), table]
    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=landscape(A4), title="Diary card",
                      leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
                      bottomMargin=12 * mm).build(story)
    return buf.getvalue()
