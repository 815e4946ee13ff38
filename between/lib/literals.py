"""Literal strings a regular expression cannot match without.

`required_literals(pattern)` reads the pattern's parse tree and returns a set of strings
such that every match contains at least one of them, or None when it cannot tell. A
caller can then skip the regex on text that contains none of them: a cheap, exact
prefilter, because the set is derived from the pattern rather than written beside it.
"""

import re
from re import _constants as c
from re import _parser

import ahocorasick

_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))


# Words so common that a pattern woken by them runs on nearly every clause. A literal
# made only of these is the weakest choice, whatever its length: " the " is five
# characters and in most sentences; "roof" is four and in few.
COMMON = frozenset({"a", "about", "after", "all", "an", "and", "are", "as", "at", "be", "but",
    "by", "day", "for", "from", "go", "going", "had", "have", "he", "her", "his", "i", "i'm",
    "if", "in", "is", "it", "it's", "just", "me", "my", "myself", "no", "not", "now", "of",
    "on", "or", "out", "so", "that", "the", "then", "there", "they", "this", "to", "today",
    "up", "was", "we", "what", "when", "with", "you"})


def _weight(literal: str) -> int:
    words = literal.split()
    return 0 if words and all(w in COMMON for w in words) else len(literal)


def _strength(options: frozenset[str]) -> int:
    """How selective a set of alternatives is: its weakest member's length, or 0 when
    one of them is only common words."""
    return min(_weight(s) for s in options)


def _lead(arm) -> str:
    """The literal characters an alternative starts with."""
    lead = []
    for op, av in arm:
        if op is not c.LITERAL:
            break
        lead.append(chr(av))
    return "".join(lead)


def _requirements(items) -> list[frozenset[str]]:
    """Every requirement a sequence makes: its literal runs, each branch whose every arm
    has one, and those of its groups and of repeats that happen at least once. A match
    meets all of them."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run and op is c.BRANCH and all(_lead(arm) for arm in av[1]):
            # Python factors "sh|self" into "s" then (h|elf): put the prefix back.
            found.append(frozenset("".join(run) + _lead(arm) for arm in av[1]))
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is c.SUBPATTERN:
            found.extend(_requirements(list(av[-1])))
        elif op is c.BRANCH:
            arms = [_of_sequence(list(arm)) for arm in av[1]]
            if all(arms):
                found.append(frozenset().union(*arms))
        elif op in _REPEATS and av[0] >= 1:
            found.extend(_requirements(list(av[2])))
        # \b, a character class, an assertion: no literal required
    if run:
        found.append(frozenset(["".join(run)]))
    return found


def _of_sequence(items) -> frozenset[str] | None:
    """The strongest of a sequence's requirements."""
    found = _requirements(items)
    return max(found, key=_strength) if found else None


def all_required(pattern: str) -> list[frozenset[str]]:
    """Every requirement of `pattern` worth checking, strongest first: sets of strings of
    which every match contains at least one."""
    found = [need for need in _requirements(list(_parser.parse(pattern)))
             if min(len(s) for s in need) >= 2]
    return sorted(set(found), key=_strength, reverse=True)


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains at least one; None if unknown."""
    found = all_required(pattern)
    return found[0] if found else None


class LiteralIndex:
    """Which of many patterns can match in a stretch of text, from one scan.

    1. Every pattern gets its requirements: sets of strings of which every match holds at
       least one. A pattern without any always runs.
    2. One Aho-Corasick scan finds every occurrence of every required string, overlapping
       ones included, in time linear in the text.
    3. A pattern can match in a stretch only if the stretch meets all its requirements.
    """

    def __init__(self, patterns: list[str]):
        self.compiled = [re.compile(p) for p in patterns]
        # The strongest requirement, and the others selective enough to be worth a key:
        # a common word in the scan would cost more than the patterns it rules out.
        self.needs = [found[:1] + [need for need in found[1:] if _strength(need) >= 3]
                      for found in map(all_required, patterns)]
        self.always = frozenset(i for i, found in enumerate(self.needs) if not found)
        keys = {k for found in self.needs for need in found for k in need}
        # A pattern is woken by its strongest requirement and checked against the rest.
        self.wakes: dict[str, list[int]] = {k: [] for k in keys}
        for i, found in enumerate(self.needs):
            for k in found[0] if found else ():
                self.wakes[k].append(i)
        self.scan = None
        if keys:
            self.scan = ahocorasick.Automaton()
            for key in keys:
                self.scan.add_word(key, (len(key) - 1, key))
            self.scan.make_automaton()
        self._known: dict[frozenset[str], list[int]] = {}

    def found(self, text: str) -> list[tuple[int, str, int]]:
        """(start, required string, end) for every occurrence, in order of start."""
        if self.scan is None:
            return []
        found = [(last - back, key, last + 1) for last, (back, key) in self.scan.iter(text)]
        found.sort()
        return found

    def candidates(self, found: list[tuple[int, str, int]], end: int | None = None) -> list[int]:
        """The patterns that can match in a stretch ending at `end`, where these strings
        were found, in list order. A string running past the end does not count."""
        present = frozenset(key for _, key, stop in found if end is None or stop <= end)
        ids = self._known.get(present)
        if ids is None:
            woken = set(self.always)
            for k in present:
                woken.update(self.wakes[k])
            ids = sorted(i for i in woken
                         if all(not need.isdisjoint(present) for need in self.needs[i][1:]))
            if len(self._known) < 10_000:  # bounded: one entry per distinct set of strings
                self._known[present] = ids
        return ids


_NONZERO = frozenset(range(ord("1"), ord("9") + 1))


def _names_a_digit(items) -> bool:
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL) and av in _NONZERO:
            return True
        if op == c.RANGE and any(lo <= d <= hi for d in _NONZERO for lo, hi in [av]) and not (
                av[0] <= ord("0") and av[1] >= ord("9")):
            return True
        if op == c.IN and _names_a_digit(av):
            return True
        if op in (*_REPEATS, c.SUBPATTERN, c.ASSERT, c.ASSERT_NOT, c.BRANCH, c.GROUPREF_EXISTS):
            for sub in _children(op, av):
                if _names_a_digit(sub):
                    return True
    return False


def _children(op, av) -> list:
    if op in _REPEATS:
        return [av[2]]
    if op == c.SUBPATTERN:
        return [av[3]]
    if op in (c.ASSERT, c.ASSERT_NOT):
        return [av[1]]
    if op == c.BRANCH:
        return list(av[1])
    return [x for x in av[1:] if x]  # GROUPREF_EXISTS: (group, yes, no)


def tells_digits_apart(pattern: str) -> bool:
    """Whether this pattern can match a text and not the same text with another non-zero
    digit in place of a non-zero digit: it names 1 to 9 (or a part of that range) itself.
    `\\d`, `[0-9]`, `\\w`, a literal 0 and repeat counts like {1,2} do not."""
    return _names_a_digit(list(_parser.parse(pattern)))


_CANON = str.maketrans("23456789", "11111111")


def digits_as_one(text: str) -> str:
    """Every non-zero digit as 1: the same length, the same zeros, the same digit class."""
    return text.translate(_CANON)
