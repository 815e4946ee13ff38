"""Plans in any script, and wallet cards that keep every word."""

import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from between.lib.pdftext import drawable, is_rtl, visual_lines
from between.safety import services
from tests.conftest import signed_in

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARABIC = "أتصل بأختي مريم"          # "I call my sister Maryam"
HEBREW = "ללכת לים עם הכלב"          # "going to the sea with the dog"


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _png(content: bytes, name: str) -> Path | None:
    """Render the first page to PNG to look at; required in CI, like the browser."""
    if shutil.which("pdftoppm") is None:
        if os.environ.get("BETWEEN_REQUIRE_BROWSER") == "1":
            pytest.fail("pdftoppm is missing (apt-get install poppler-utils)")
        return None
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / f"{name}.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-png", "-r", "110", "-f", "1", "-l", "1", str(pdf),
                    str(ARTIFACTS / name)], check=True)
    return next(ARTIFACTS.glob(f"{name}-*.png"))


def test_right_to_left_is_shaped_and_ordered_line_by_line():
    import arabic_reshaper
    from bidi import get_display

    assert is_rtl(ARABIC) and is_rtl(HEBREW) and not is_rtl("Call Sam 07700")
    one_line = visual_lines(ARABIC, 10_000, len)
    assert one_line == [get_display(arabic_reshaper.reshape(ARABIC))]
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in one_line[0]), "joined letter forms"
    assert visual_lines(HEBREW, 10_000, len) == ["בלכה םע םיל תכלל"]
    wrapped = visual_lines(HEBREW, 9, len)
    assert wrapped == ["םיל תכלל", "בלכה םע"], "first line read first, each line reversed"


def test_characters_the_font_lacks_are_named_not_boxed():
    covered = {ord(c) for c in "I'm ok "}
    assert drawable("I'm ok 💔", covered) == "I'm ok (broken heart)"
    assert drawable("ok 👍🏽", covered | {ord("k")}) == "ok (thumbs up sign)"


@pytest.mark.django_db
def test_a_plan_in_arabic_and_hebrew_with_emoji_prints_readably(client_user):
    services.save_plan(client_user, {"people_to_ask": [ARABIC], "distractions": [HEBREW],
                                     "reasons_for_living": ["My cat 🐈 and my niece 💛"]},
                       actor=client_user)
    content = signed_in(client_user).get("/safety-plan/plan.pdf").content
    text = _pdf_text(content)
    import arabic_reshaper

    # pypdf puts right-to-left text back in reading order when it extracts, so this
    # shows the letters were drawn joined; the order drawn is checked on the paragraph.
    assert arabic_reshaper.reshape(ARABIC) in text
    assert HEBREW in text
    assert "(cat)" in text and "(yellow heart)" in text
    _png(content, "plan-rtl")


def test_the_paragraph_drawn_holds_the_visual_order():
    import arabic_reshaper
    from bidi import get_display

    from between.safety.pdf import A4_WIDTH, _styles, para

    arabic = para(ARABIC, _styles()["item"], A4_WIDTH)
    assert arabic.text == get_display(arabic_reshaper.reshape(ARABIC))
    assert arabic.style.alignment == 2, "right to left reads from the right edge"
    assert para(HEBREW, _styles()["item"], A4_WIDTH).text == "בלכה םע םיל תכלל"


@pytest.mark.django_db
def test_the_wallet_card_keeps_every_person_and_professional(client_user):
    people = [f"Friend number {n}, 07700 90000{n}" for n in range(1, 8)]
    professionals = ["Dr Okafor, GP, 020 7946 0001", "Sam Rivera, therapist, Fridays",
                     "Crisis team, 0800 000 0000"]
    services.save_plan(client_user, {"people_to_ask": people, "professionals": professionals,
                                     "coping_alone": [f"Step {n}" for n in range(1, 7)]},
                       actor=client_user)
    content = signed_in(client_user).get("/safety-plan/wallet-card.pdf").content
    text = _pdf_text(content)
    for words in [*people, *professionals, "Step 6"]:
        assert words in text, words
    assert len(PdfReader(io.BytesIO(content)).pages) >= 3, "more sides, not fewer words"
    _png(content, "wallet-card-long")


@pytest.mark.django_db
def test_a_long_list_of_skills_wraps_inside_its_day(client_user):
    from reportlab.lib.units import mm

    from between.diary.pdf import DAY_WIDTH, PADDING
    from between.safety.pdf import _styles, para

    names = "Wise mind, Observe, Describe, Participate, STOP, TIPP, ACCEPTS, IMPROVE"
    cell = para(names, _styles(0.85)["item"], DAY_WIDTH - PADDING)
    width, height = cell.wrap(DAY_WIDTH - PADDING, 1000)
    assert width <= DAY_WIDTH - PADDING and height > 3 * 10, "several lines, inside the cell"
    assert 28 * mm == DAY_WIDTH
