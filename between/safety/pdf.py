"""Safety plan PDFs, drawn with ReportLab and an embedded DejaVu font (any script, no
system libraries)."""

import threading
from io import BytesIO
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from between.lib.pdftext import paragraph_markup
from between.safety import plan_content

FONTS = settings.PACKAGE_DIR / "lib" / "fonts"
CARD = (85.6 * mm, 54 * mm)  # a bank card, to fold into a wallet


_registering = threading.Lock()


def _fonts() -> None:
    """Register both faces once per process, under a lock: gunicorn's threads may draw
    their first PDFs at the same moment, and one must never see the regular face
    registered while the bold is still loading."""
    with _registering:
        if "DejaVu-Bold" in pdfmetrics.getRegisteredFontNames():
            return
        regular = TTFont("DejaVu", str(FONTS / "DejaVuSans.ttf"))
        bold = TTFont("DejaVu-Bold", str(FONTS / "DejaVuSans-Bold.ttf"))
        pdfmetrics.registerFont(regular)
        pdfmetrics.registerFont(bold)
        pdfmetrics.registerFontFamily("DejaVu", normal="DejaVu", bold="DejaVu-Bold",
                           italic="DejaVu", boldItalic="DejaVu-Bold")


def _styles(scale: float = 1.0) -> dict[str, ParagraphStyle]:
    _fonts()
    base = ParagraphStyle("base", fontName="DejaVu", fontSize=10.5 * scale,
                          leading=14 * scale, textColor="#1d2b36")
    return {
        "title": ParagraphStyle("title", parent=base, fontName="DejaVu-Bold",
                                fontSize=18 * scale, leading=22 * scale, spaceAfter=4 * scale),
        "h": ParagraphStyle("h", parent=base, fontName="DejaVu-Bold", fontSize=12 * scale,
                            leading=15 * scale, spaceBefore=8 * scale, spaceAfter=2 * scale),
        "item": ParagraphStyle("item", parent=base, leftIndent=10 * scale,
                               bulletIndent=2 * scale),
        "muted": ParagraphStyle("muted", parent=base, textColor="#4a5a66"),
    }


def _covered() -> frozenset[int]:
    _fonts()
    return frozenset(pdfmetrics.getFont("DejaVu").face.charToGlyph)


def para(text: str, style: ParagraphStyle, width: float, bullet: bool = False) -> Paragraph:
    """A paragraph of words someone wrote, in any script, fitted to `width` points."""
    measure = lambda s: pdfmetrics.stringWidth(s, style.fontName, style.fontSize)  # noqa: E731
    markup, rtl = paragraph_markup(text, covered=_covered(), width=width - style.leftIndent,
                                   measure=measure)
    if rtl:
        style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
    return Paragraph(markup, style, bulletText="•" if bullet else None)


def _lines_text(country) -> list[str]:
    out = [f"In danger now: {country.call_emergency}"]
    for line in country.lines:
        ways = [f"call {line.phone}"] if line.phone else []
        if line.sms:
            ways.append(f"text {line.sms_keyword + ' to ' if line.sms_keyword else ''}{line.sms}")
        out.append(f"{line.name}: {' or '.join(ways)} ({line.hours.lower()})")
    return out


A4_WIDTH = A4[0] - 36 * mm
CARD_WIDTH = CARD[0] - 6 * mm


def full(version, country) -> bytes:
    """The whole plan on A4, with crisis lines for the client's country."""
    s = _styles()
    story = [Paragraph("My safety plan", s["title"]),
             Paragraph(f"Version {version.number}, {version.created_at:%d %B %Y}", s["muted"])]
    data = version.data()
    for section in plan_content.sections():
        block = [Paragraph(escape(section.title), s["h"])]
        items = list(data[section.key])
        if section.key == "environment":
            items += version.means_chosen()
        if section.key == "professionals":
            items += _lines_text(country)
        block += [para(item, s["item"], A4_WIDTH, bullet=True) for item in items] or [
            Paragraph("Nothing written here yet.", s["muted"])]
        story.append(KeepTogether(block))
    story += [Spacer(1, 6 * mm), Paragraph(
        "Between is not an emergency service. If you might act on thoughts of harming "
        f"yourself, {country.call_emergency} or one of the lines above.", s["muted"])]
    buf = BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, title="My safety plan", leftMargin=18 * mm,
                      rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm
                      ).build(story)
    return buf.getvalue()


def wallet_card(version, country) -> bytes:
    """The whole plan on card-sized pages, to fold into a wallet: what to do first, then
    who to reach. Nothing the client wrote is left out; a long plan takes more sides."""
    s = _styles(scale=0.62)
    data = version.data()
    sections = {x.key: x for x in plan_content.sections()}
    order = ["warning_signs", "coping_alone", "reasons_for_living", "distractions",
             "people_to_ask", "professionals", "environment"]
    story = [Paragraph("My safety plan", s["h"])]
    for key in order:
        items = list(data[key]) + (version.means_chosen() if key == "environment" else [])
        if key == "people_to_ask":
            story.append(PageBreak())
        if not items and key != "professionals":
            continue
        story.append(Paragraph(escape(sections[key].short), s["h"]))
        story += [para(i, s["item"], CARD_WIDTH, bullet=True) for i in items]
        if key == "professionals":
            story += [para(i, s["item"], CARD_WIDTH, bullet=True) for i in _lines_text(country)]
    buf = BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=CARD, title="My safety plan (wallet card)",
                            leftMargin=3 * mm, rightMargin=3 * mm, topMargin=2.5 * mm,
                            bottomMargin=2.5 * mm)
    doc.build(story)
    return buf.getvalue()
