import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from between.lib.literals import (
    LiteralIndex,
    digits_as_one,
    required_literals,
    tells_digits_apart,
)


def test_required_literals_follow_the_pattern():
    assert required_literals(r"\bkill(?:ing)? myself\b") == {"kill"} or \
        required_literals(r"\bkill(?:ing)? myself\b") == {" myself"}
    assert required_literals(r"\b(?:pills|tablets)\b") == {"pills", "tablets"}
    assert required_literals(r"\b(?:pills|[a-z]+)\b") is None
    assert required_literals(r"(?:x)?y") is None


def test_a_rare_word_is_preferred_to_a_common_one():
    # " the " is longer than "roof", but in nearly every sentence: waking the pattern on
    # it would run it on nearly every clause.
    assert required_literals(r"\bon the (?:roof|bridge)\b") == {"on the roof", "on the bridge"}
    assert required_literals(r"\bon the (?:roof|[a-z]+ bridge)\b") == {"roof", " bridge"}
    assert required_literals(r"\b(?:vodka|gin)\b.{0,15}\band pills\b") == {"and pills"}
    # Only common words to choose from: still a requirement, and still exact.
    assert required_literals(r"\bi am at the\b") == {"i am at the"}


def test_a_prefix_python_factors_out_is_put_back():
    # The parser reads "sh|self-harm" as "s" then (h|elf-harm); neither half alone is
    # selective, together they are.
    assert required_literals(r"\b(?:sh|self[- ]?harm)\b") == {"sh", "self"}


def test_the_scan_finds_every_occurrence_overlapping_ones_too():
    index = LiteralIndex([r"\bkill myself\b", r"\bmyself\b", r"\bself[- ]harm\b"])
    assert index.found("kill myself, self harm") == [
        (0, "kill myself", 11), (5, "myself", 11), (7, "self", 11), (13, "self", 17),
        (18, "harm", 22)]


@given(st.text(alphabet="abcdehilmnostuy '", max_size=60))
def test_the_index_never_skips_a_pattern_that_would_match(text):
    patterns = [r"\bkill(?:ing)? myself\b", r"\b(?:no|not) safe\b", r"\bsi\b", r"\bend it all\b",
                r"\bat all\b", r"mess", r"\b(?:sm|some[- ]?one)\b", r"\bon the (?:moon|dune)\b",
                r"\bsome\b.{0,12}\bstones\b"]
    index = LiteralIndex(patterns)
    woken = set(index.candidates(index.found(text)))
    for i, pattern in enumerate(patterns):
        if re.search(pattern, text):
            assert i in woken, (pattern, text)


def test_a_pattern_wakes_only_where_all_its_requirements_are_met():
    index = LiteralIndex([r"\bvodka\b.{0,20}\bpills\b", r"\bkill\b", r"\bkill myself\b"])
    assert index.candidates(index.found("vodka and crisps")) == []
    assert index.candidates(index.found("vodka and pills")) == [0]
    # "kill myself" runs past a stretch that ends after "kill": only what fits counts.
    assert index.candidates(index.found("kill myself")) == [1, 2]
    assert index.candidates(index.found("kill myself"), end=4) == [1]


@given(st.text(alphabet="abcdehilmnostuy '", max_size=60), st.integers(0, 60))
@example("a messy one", 6)
def test_a_stretch_cut_short_still_wakes_what_matches_inside_it(text, end):
    patterns = [r"\bkill\b", r"\bkill myself\b", r"\bmess\b", r"\bmessy\b", r"\bsome\b"]
    index = LiteralIndex(patterns)
    end = min(end, len(text))
    woken = set(index.candidates([hit for hit in index.found(text) if hit[0] < end], end))
    for i, pattern in enumerate(patterns):
        if re.compile(pattern).search(text, 0, end):
            assert i in woken, (pattern, text[:end])


@pytest.mark.parametrize(("pattern", "tells"), [
    (r"\d{1,2}", False), (r"[0-9]+", False), (r"\s*0\b", False), (r"\w+", False),
    (r"[^0-9]", False), (r"x{2,3}", False), (r"(?P<scale>5|10)", True), (r"[0-5]", True),
    (r"in (?:19|20)\d\d", True), (r"[^5]", True), (r"(?:[3-9]|[1-9]\d+) pills", True)])
def test_tells_digits_apart_reads_the_parse_tree(pattern, tells):
    assert tells_digits_apart(pattern) is tells


def test_digits_as_one_keeps_length_zeros_and_digit_class():
    assert digits_as_one("took 25 pills, 0 today, 2019") == "took 11 pills, 0 today, 1011"
