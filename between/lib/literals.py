"""Literal strings a regular expression cannot match without.

`required_literals(pattern)` reads the pattern's parse tree and returns a set of strings
such that every match contains at least one of them, or None when it cannot tell. A
caller can then skip the regex on text that contains none of them: a cheap, exact
prefilter, because the set is derived from the pattern rather than written beside it.
"""

import re
from re import _constants as c
from re import _parser

_REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", c.MAX_REPEAT))


def _strength(options: frozenset[str]) -> int:
    return min(len(s) for s in options)


def _of_sequence(items) -> frozenset[str] | None:
    """The strongest requirement among a sequence's parts: a literal run, a group, a
    branch whose every arm has one, or a repeat that happens at least once."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset(["".join(run)]))
            run = []
        if op is c.SUBPATTERN:
            need = _of_sequence(list(av[-1]))
        elif op is c.BRANCH:
            arms = [_of_sequence(list(arm)) for arm in av[1]]
            need = frozenset().union(*arms) if all(arms) else None
        elif op in _REPEATS and av[0] >= 1:
            need = _of_sequence(list(av[2]))
        else:
            need = None  # \b, a character class, an assertion: no literal required
        if need:
            found.append(need)
    if run:
        found.append(frozenset(["".join(run)]))
    return max(found, key=_strength) if found else None


def required_literals(pattern: str) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains at least one; None if unknown."""
    need = _of_sequence(list(_parser.parse(pattern)))
    return need if need and _strength(need) >= 2 else None


def compile_filtered(pattern: str) -> tuple[re.Pattern, frozenset[str] | None]:
    return re.compile(pattern), required_literals(pattern)


def trie_pattern(words: set[str]) -> str:
    """One regex matching any of `words`, as a trie so each position costs one branch."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        arms = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not arms:
            return ""
        body = arms[0] if len(arms) == 1 else "(?:" + "|".join(arms) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


class LiteralIndex:
    """Which of many patterns can match in a stretch of text, from one scan.

    1. Every pattern gets its required literals (or none, and then always runs).
    2. One lookahead regex finds, at every position, the longest literal starting there.
    3. A found literal wakes every pattern that needs it or any part of it.
    """

    def __init__(self, patterns: list[str]):
        self.compiled = [compile_filtered(p) for p in patterns]
        self.always = [i for i, (_, needs) in enumerate(self.compiled) if needs is None]
        literals = {n for _, needs in self.compiled if needs for n in needs}
        self.wakes = {lit: [i for i, (_, needs) in enumerate(self.compiled)
                            if needs and any(n in lit for n in needs)]
                      for lit in literals}
        self.scan = re.compile("(?=(" + trie_pattern(literals) + "))") if literals else None

    def found(self, text: str) -> list[tuple[int, str]]:
        """(position, literal) for every literal occurrence, in order."""
        if self.scan is None:
            return []
        return [(m.start(), m.group(1)) for m in self.scan.finditer(text)]

    def candidates(self, found: list[tuple[int, str]]) -> list[int]:
        """The patterns that can match where these literals were found, in list order."""
        ids = set(self.always)
        for _, lit in found:
            ids.update(self.wakes[lit])
        return sorted(ids)
