import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from between.lib.spreadsheet import FORMULA_START, SafeWriter, safe_cell


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                                   "\t=1", "\r=1"])
def test_formula_starts_become_text(value):
    assert safe_cell(value) == "'" + value


@given(st.text())
def test_no_cell_ever_starts_like_a_formula_and_the_words_are_kept(text):
    out = io.StringIO()
    SafeWriter(out).writerow([text, 3, None])
    (cell, number, empty), = csv.reader(io.StringIO(out.getvalue(), newline=""))
    assert not cell.startswith(FORMULA_START)
    assert cell == ("'" + text if text.startswith(FORMULA_START) else text)
    assert number == "3" and empty == ""


@pytest.mark.django_db
def test_the_diary_export_neutralises_formulas_in_the_clients_words(client_user):
    from between.diary.services import CardInput, record_card
    from between.safety.services import client_today
    from tests.conftest import signed_in

    record_card(client_user, client_today(client_user),
                CardInput(note="=HYPERLINK(\"http://evil.example\",\"click\")", present="@mum"))
    body = signed_in(client_user).get("/diary/export.csv").content.decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[1][-1] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert rows[1][-2] == "'@mum"
