import re

from hypothesis import given
from hypothesis import strategies as st

from between.lib.literals import LiteralIndex, required_literals, trie_pattern


def test_required_literals_follow_the_pattern():
    assert required_literals(r"\bkill(?:ing)? myself\b") == {"kill"} or \
        required_literals(r"\bkill(?:ing)? myself\b") == {" myself"}
    assert required_literals(r"\b(?:pills|tablets)\b") == {"pills", "tablets"}
    assert required_literals(r"\b(?:pills|[a-z]+)\b") is None
    assert required_literals(r"(?:x)?y") is None


def test_a_trie_pattern_matches_exactly_its_words():
    words = {"cut", "cutting", "cup", "die", "dead"}
    rx = re.compile(trie_pattern(words) + r"\Z")
    assert {w for w in words if rx.match(w)} == words
    assert not rx.match("cu") and not rx.match("diet")


@given(st.text(alphabet="abcdeilmnostuy '", max_size=60))
def test_the_index_never_skips_a_pattern_that_would_match(text):
    patterns = [r"\bkill(?:ing)? myself\b", r"\b(?:no|not) safe\b", r"\bsi\b", r"\bend it all\b",
                r"\bat all\b", r"mess"]
    index = LiteralIndex(patterns)
    woken = set(index.candidates(index.found(text)))
    for i, pattern in enumerate(patterns):
        if re.search(pattern, text):
            assert i in woken, (pattern, text)
