import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from between.risk.screen import Level, screen

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "risk"


@pytest.mark.parametrize("text,level,category", [
    ("I want to die", Level.IDEATION, "suicidal_ideation"),
    ("everyone would be better off without me", Level.IDEATION, "suicidal_ideation"),
    ("I just want to sleep and never wake up", Level.IDEATION, "suicidal_ideation"),
    ("SI 4/5", Level.IDEATION, "suicidal_ideation"),
    ("SH urges 3", Level.IDEATION, "self_harm"),
    ("a part of me wants to die", Level.IDEATION, "suicidal_ideation"),
    ("I cut my arm again last night", Level.URGENT, "self_harm"),
    ("burned myself with a lighter", Level.URGENT, "self_harm"),
    ("I've been stockpiling my tablets", Level.URGENT, "method_or_plan"),
    ("wrote goodbye letters to my family", Level.URGENT, "method_or_plan"),
    ("giving my things away this week", Level.URGENT, "method_or_plan"),
    ("took too many pills", Level.URGENT, "self_harm"),
    ("everything feels hopeless", Level.DISTRESS, "hopelessness"),
])
def test_catches_the_way_people_write(text, level, category):
    result = screen(text)
    assert result.level == level, result
    assert category in result.categories


@pytest.mark.parametrize("text", [
    "no SI", "not suicidal today", "SI 0/5", "used to cut, 8 years clean",
    "this essay is killing me", "dying to see it", "cut my finger cooking",
    "watched a film where a character kills himself", "I want to cut my hair",
])
def test_does_not_raise_the_level_for_hard_negatives(text):
    assert screen(text).level == Level.NONE, screen(text)


def test_someone_elses_risk_is_concern_not_the_writers_level():
    result = screen("my friend says she wants to kill herself")
    assert result.level == Level.NONE
    assert result.categories == ("concern_for_other",)


def test_a_current_anchor_beats_a_recovered_past():
    assert screen("I cut again last night after two years clean").level == Level.URGENT


def test_evidence_points_at_the_words():
    text = "Long day. Honestly I want to die. Going to bed."
    result = screen(text)
    (start, end), = result.evidence
    assert text[start:end].lower() == "want to die"


def test_empty_text_is_none():
    for text in ("", "   \n ", None):
        assert screen(text).level == Level.NONE and screen(text).evidence == ()


def test_long_text_is_screened_in_full():
    text = "An ordinary sentence about the weather. " * 800 + "I want to die."
    assert len(text) > 20_000
    result = screen(text)
    assert result.level == Level.IDEATION and result.evidence[0][0] > 20_000


def test_case_unicode_and_emoji_work():
    assert screen("I WANT TO DIE 😞").level == Level.IDEATION
    assert screen("I want to die\u200b today").level == Level.IDEATION
    text = "Ça va. I don’t want to be alive anymore 💔"
    result = screen(text)
    assert result.level == Level.IDEATION
    start, end = result.evidence[0]
    assert text[start:end] == "don’t want to be alive"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_any_text_gives_a_valid_result(text):
    result = screen(text)
    assert result.level in Level
    for start, end in result.evidence:
        assert 0 <= start < end <= len(text)


def _run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "between", "screen", *args], cwd=ROOT,
                          input=stdin, capture_output=True, text=True, timeout=120,
                          env={**__import__("os").environ, "BETWEEN_DEBUG": "1"})


def test_cli_reads_json_lines_and_reports_bad_lines_by_number():
    out = _run(stdin='{"id": "a", "text": "I want to die"}\n{oops\n'
                     '{"id": "b", "text": "lovely walk"}\n').stdout.splitlines()
    assert json.loads(out[0]) == {"id": "a", "level": "ideation",
                                  "categories": ["suicidal_ideation"], "evidence": [[2, 13]]}
    assert json.loads(out[1])["line"] == 2 and "error" in json.loads(out[1])
    assert json.loads(out[2])["level"] == "none"


def test_development_set_meets_the_targets():
    files = sorted(str(p) for p in DATA.glob("*.jsonl"))
    assert sum(len(Path(f).read_text().splitlines()) for f in files) >= 400
    out = _run("--evaluate", *files).stdout
    figures = {line.split(":")[0].strip(): float(line.split(":")[1].split()[0])
               for line in out.splitlines() if line.startswith(("Sensitivity", "Specificity"))}
    assert figures["Sensitivity, urgent"] >= 0.97
    assert figures["Sensitivity, ideation+urgent"] >= 0.95
    assert figures["Specificity, none+distress"] >= 0.95
    assert "Confusion matrix" in out
