"""Text as a PDF font can draw it: right-to-left scripts shaped and ordered, and
characters the font lacks named in words rather than drawn as empty boxes.

ReportLab places glyphs left to right, one by one. Arabic letters must first be joined
into their connected forms, and a right-to-left line must be put in visual order; a
paragraph that wraps must be broken into lines first, in reading order, and each line
ordered after, or its lines would come out bottom to top.
"""

import unicodedata
from collections.abc import Callable, Container
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display

_RTL = {"R", "AL"}
# Joiners and variation selectors shape emoji; alone they are invisible.
_INVISIBLE = {0x200D, 0xFE0E, 0xFE0F}


def is_rtl(text: str) -> bool:
    """Whether the text's first strong character is written right to left."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in _RTL:
            return True
        if kind == "L":
            return False
    return False


def drawable(text: str, covered: Container[int]) -> str:
    """Each character the font has, as itself; any other, by its name in brackets, so
    "I'm ok 💔" prints as "I'm ok (broken heart)" instead of an empty box."""
    out = []
    for ch in text:
        code = ord(ch)
        if code in _INVISIBLE or 0x1F3FB <= code <= 0x1F3FF:  # skin tone modifiers
            continue
        if code in covered or ch.isspace():
            out.append(ch)
        else:
            name = unicodedata.name(ch, "")
            out.append(f"({name.lower()})" if name else "?")
    return "".join(out)


def visual_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Right-to-left text as lines that fit `width`, each in visual order.

    1. Join Arabic letters into their connected forms.
    2. Break into lines in reading order, measuring the joined text.
    3. Put each line, alone, in visual order.
    """
    lines = []
    for paragraph in text.split("\n"):
        words = arabic_reshaper.reshape(paragraph).split(" ")
        line = ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if line and measure(trial) > width:
                lines.append(get_display(line))
                line = word
            else:
                line = trial
        lines.append(get_display(line))
    return lines


def paragraph_markup(text: str, *, covered: Container[int], width: float,
                     measure: Callable[[str], float]) -> tuple[str, bool]:
    """ReportLab Paragraph markup for text someone wrote, and whether it reads right to
    left (so the caller can align it right)."""
    text = drawable(text, covered)
    if not is_rtl(text):
        return escape(text), False
    return "<br/>".join(escape(line) for line in visual_lines(text, width, measure)), True
