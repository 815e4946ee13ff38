import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from between.risk import screen as screen_module
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
    auc = float(next(line for line in out.splitlines() if line.startswith("AUC")).split()[-1])
    assert auc >= 0.99


def test_auc_counts_ties_as_half():
    from between.risk.management.commands.screen import LEVELS, _auc

    matrix = {a: dict.fromkeys(LEVELS, 0) for a in LEVELS}
    matrix["urgent"]["urgent"] = 1
    matrix["none"]["none"] = 1
    assert _auc(matrix) == "1.000"
    matrix["none"] = {**matrix["none"], "none": 0, "urgent": 1}
    assert _auc(matrix) == "0.500"
    matrix["none"] = {**matrix["none"], "urgent": 0}
    assert _auc(matrix) == "n/a"


@pytest.mark.parametrize("text,level,category", [
    ("I keep counting the pills in the cupboard and thinking it would be easier if I just "
     "took them all", Level.URGENT, "method_or_plan"),
    ("I have been saving up my Valium. I think tonight might be the night.", Level.URGENT,
     "method_or_plan"),
    ("Cut twice on my arm.", Level.URGENT, "self_harm"),
    ("I keep punching the wall until my knuckles bleed", Level.URGENT, "self_harm"),
    ("I want to ctb", Level.IDEATION, "suicidal_ideation"),
    ("I want to kill myself tonight", Level.URGENT, "method_or_plan"),
])
def test_the_sentences_people_wrote_read_as_they_mean(text, level, category):
    result = screen(text)
    assert result.level == level, result
    assert category in result.categories


@pytest.mark.parametrize("text", [
    "I'm not counting the pills, I gave them to my sister to look after",
    "I haven't been saving up my Valium",
    "Years ago I cut twice on my arm.",
    "I never punched the wall until my knuckles bled",
    "I don't want to ctb",
    "I used to want to ctb, years ago",
    "I don't want to kill myself tonight",
    "Counted my tablets to reorder my prescription",
    "Bought a new rope for the climbing wall",
])
def test_their_negated_and_past_twins_read_none(text):
    assert screen(text).level == Level.NONE, screen(text)


@pytest.mark.parametrize("text", [
    "My mum has been saving up her Valium.",
    "My friend wants to ctb",
    "My brother wants to kill himself tonight",
    "He keeps punching the wall until his knuckles bleed",
])
def test_their_third_person_twins_are_concern_for_another(text):
    result = screen(text)
    assert (result.level, result.categories) == (Level.NONE, ("concern_for_other",)), result


@pytest.mark.parametrize("unit", ["SI 4/5 ", "not SI 4/5 ", "a", "i don't want to die, ",
                                  "my friend wants to die and ", "not " * 20, " "])
def test_adversarial_text_is_cut_into_bounded_clauses(unit):
    """Every check on a match looks only inside its clause, and no clause is longer than
    MAX_CLAUSE: that is what keeps screening linear whatever the text."""
    from between.risk.screen import MAX_CLAUSE, _clauses, _normalise

    text = _normalise((unit * (100_000 // len(unit) + 1))[:100_000])
    clauses = _clauses(text)
    assert max((end - start for start, end in clauses), default=0) <= MAX_CLAUSE
    covered = sum(end - start for start, end in clauses)
    assert covered <= len(text)
    screen(text)  # and it finishes: the old rules took minutes on this


def test_risk_after_a_flood_of_negations_is_still_found():
    text = "I don't want to die. " * 3000 + "Tonight I am going to take all my tablets."
    assert screen(text).level == Level.URGENT


def test_a_clause_read_once_is_placed_right_each_time_it_recurs():
    """The same words after the same character are read once; each recurrence still
    points at its own words, up to MAX_HITS."""
    from between.risk.screen import MAX_HITS

    text = "Fine day. I want to die. " * 3
    result = screen(text)
    assert result.level == Level.IDEATION
    assert [text[a:b] for a, b in result.evidence] == ["want to die"] * 3
    assert [a for a, _ in result.evidence] == [12, 37, 62]
    assert len(screen("I want to die. " * 20).evidence) == MAX_HITS


def test_varied_negations_do_not_hide_the_risk_that_follows():
    text = "".join(f"I don't want to kill myself {i}, " for i in range(3000))
    result = screen(text + "but tonight I am going to take all my tablets.")
    assert result.level == Level.URGENT
    assert screen(text).level == Level.NONE


def _made_up_negations(count: int) -> str:
    """Negated wishes, each clause made unlike the others by a made-up word, so no
    reading can be reused: the costliest text for the rules."""
    letters = "bcdfghjklmnpqrstvwxz"
    return "".join(f"I don't want to kill myself {letters[i % 20]}{letters[i // 20 % 20]}"
                   f"{letters[i // 400 % 20]}, " for i in range(count))


def _reading(text: str):
    from between.risk.screen import _clauses, _collect, _normalise

    normalised = _normalise(text)
    return _collect(normalised, _clauses(normalised))


def test_past_the_reading_budget_risk_words_still_prompt():
    """Once the close reading has cost WORK_FLOOR plus WORK_PER_CHAR a character, the
    clauses left are only glanced at: any with risk words is possible risk."""
    from between.risk.screen import WORK_FLOOR, WORK_PER_CHAR

    flood = _made_up_negations(4000)
    assert _reading(flood).work >= WORK_FLOOR + WORK_PER_CHAR * len(flood)
    result = screen(flood)
    assert (result.level, result.categories) == (Level.IDEATION, ("unread_risk",))
    # The evidence is the unread clauses, which hold the risk words.
    assert all("kill myself" in flood[a:b].lower() for a, b in result.evidence)
    # What is past the budget and holds no risk words raises nothing.
    unread = _reading(flood + "An ordinary afternoon, tea with my sister. " * 1000).unread
    assert unread and all(start < len(flood) for start, _ in unread)


@pytest.mark.parametrize("note", ["SI 4/5 tonight", "passive si all evening"])
def test_diary_shorthand_past_the_reading_budget_is_glanced_at_too(note):
    flood = _made_up_negations(4000) + "\n"
    unread = _reading(flood + note).unread
    assert unread[-1][0] >= len(flood) - 1


def test_no_writing_a_field_accepts_comes_near_the_reading_budget():
    """The densest real writing there is, the risk data run together, is read closely
    at the longest a field accepts, with the budget to spare; and so is every entry."""
    from between.risk.api import MAX_SCREEN_CHARS
    from between.risk.screen import WORK_FLOOR, WORK_PER_CHAR

    texts = [json.loads(line)["text"] for path in sorted(DATA.rglob("*.jsonl"))
             for line in path.open()]
    together = " ".join(texts)
    windows = [together[at:at + MAX_SCREEN_CHARS]
               for at in range(0, len(together) - MAX_SCREEN_CHARS, MAX_SCREEN_CHARS // 4)]
    budget = WORK_FLOOR + WORK_PER_CHAR * MAX_SCREEN_CHARS
    assert len(windows) >= 10
    assert max(_reading(window).work for window in windows) < budget / 2
    assert max(_reading(text).work for text in texts) < WORK_FLOOR / 50


def test_every_lexicon_match_meets_all_of_its_requirements():
    """The literal prefilter is exact: a pattern never matches without one string of
    each of its requirements."""
    from between.lib.literals import all_required
    from between.risk import lexicon as lx
    from between.risk.screen import _normalise

    texts = [_normalise(json.loads(line)["text"])
             for path in sorted(DATA.rglob("*.jsonl")) for line in path.open()]
    checked = 0
    for pattern in lx.IDEATION + lx.SH_URGE + lx.SH_ACT + lx.PLAN_STRONG + lx.HOPELESS:
        requirements = all_required(pattern)
        for text in texts:
            for m in re.finditer(pattern, text):
                for needs in requirements:
                    checked += 1
                    assert any(n in m.group() for n in needs), (pattern, m.group(), needs)
    assert checked > 500


@pytest.mark.parametrize("text", [
    "I feel a bit odd about the weekend.",
    "Put the bike back in the shed.",
    "The cafe reopened after the flood.",
    "We stockpiled tins and toilet roll before the snow.",
])
def test_ordinary_words_are_not_mistaken_for_diary_shorthand(text):
    """'odd' is not "od'd", 'shed' is not "sh'd": found by matching every pattern against
    a dictionary of single English words."""
    assert screen(text).level == Level.NONE, screen(text)


@pytest.mark.parametrize("text", ["od'd on my meds last night", "sh'd twice", "reopened the cuts",
                                  "I've been stockpiling my tablets"])
def test_the_shorthand_itself_still_reads(text):
    assert screen(text).level == Level.URGENT, screen(text)


@pytest.mark.parametrize("text", [
    "I'm so tired, going to sleep early tonight.",
    "Had a headache so I took two paracetamol.",
])
def test_ordinary_days_never_read_urgent(text):
    """Found by reading ordinary diary sentences through the screener (2026-12-01): each
    once read urgent, which would page a duty clinician out of hours."""
    assert screen(text).level < Level.URGENT


@pytest.mark.parametrize("text", [
    "I'm on the bridge over the canal, the sunset is lovely.",
    "Shot myself in the foot by agreeing to host Christmas.",
    "I burnt my hand getting the lasagne out of the oven.",
])
def test_a_place_an_idiom_or_a_kitchen_accident_is_not_risk(text):
    assert screen(text).level < Level.IDEATION


@pytest.mark.parametrize("text", [
    "I'm on the bridge.",
    "I'm on the bridge right now. I'm sorry.",
    "Took 12 of the sleeping tabs at 3am.",
    "I held my hand on the hob until it blistered.",
])
def test_their_risky_twins_still_read_urgent(text):
    assert screen(text).level == Level.URGENT


# Reading a clause once for every run of numbers ("... 12", "... 13") must change no
# reading: these fragments lean on what does tell digits apart (a year, "3 years clean",
# "SI 0/5" against "SI 4/5", "took 2 pills" against "took 5 pills").
NUMBERED = ["i don't want to kill myself {n}", "took {n} pills", "SI {n}/5", "SI {n}",
            "urge to self harm {n}/10", "in 20{n}{n} i cut myself", "{n} years clean",
            "i want to die {n}", "self harm {n}", "day {n} of feeling hopeless",
            "took {n}{n} tablets tonight", "{n} weeks since i last cut"]


@given(st.lists(st.tuples(st.sampled_from(NUMBERED), st.integers(0, 99),
                          st.sampled_from([", ", ". ", " and ", "\n"])),
                min_size=1, max_size=12))
def test_numbers_blind_reuse_changes_no_reading(parts):
    text = "".join(f.format(n=n) + sep for f, n, sep in parts)
    with_reuse = screen(text)
    original = screen_module._digit_sensitive
    screen_module._digit_sensitive = lambda: None
    try:
        assert screen(text) == with_reuse
    finally:
        screen_module._digit_sensitive = original


def test_a_number_that_matters_is_read_again_in_either_order():
    assert screen("took 2 pills, took 5 pills").level == screen("took 5 pills").level
    assert screen("took 5 pills, took 2 pills").level == screen("took 5 pills").level
    assert screen("SI 0/5, SI 4/5").level == screen("SI 4/5").level
    assert screen("in 2019 i cut myself, in 2099 i cut myself").level == screen(
        "in 2099 i cut myself").level
