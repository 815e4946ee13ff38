"""screen(text) -> Screening: does this text suggest risk to the person who wrote it?

Rules and lexicons only: nothing is downloaded and nothing is learned at run time. It is
not a diagnostic device and no substitute for asking someone how they are.
"""

import re
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache

from between.risk import lexicon as lx


class Level(IntEnum):
    NONE = 0
    DISTRESS = 1
    IDEATION = 2
    URGENT = 3

    @property
    def label(self) -> str:
        return self.name.lower()


CATEGORIES = ("suicidal_ideation", "self_harm", "method_or_plan", "hopelessness",
              "concern_for_other")
# Highest first: the first level whose kinds were found is the result.
LEVEL_FROM = ((Level.URGENT, {"sh_act", "plan"}), (Level.IDEATION, {"ideation", "sh_urge"}),
              (Level.DISTRESS, {"hopeless"}))
# The spans shown as evidence for each level.
EVIDENCE = {Level.URGENT: {"sh_act", "plan", "ideation", "sh_urge"},
            Level.IDEATION: {"ideation", "sh_urge"}, Level.DISTRESS: {"hopeless"}}


@dataclass(frozen=True)
class Screening:
    level: Level
    categories: tuple[str, ...]
    evidence: tuple[tuple[int, int], ...] = ()

    def as_dict(self) -> dict:
        return {"level": self.level.label, "categories": list(self.categories),
                "evidence": [list(span) for span in self.evidence]}


@dataclass
class _Hit:
    kind: str        # ideation, sh_urge, sh_act, plan, hopeless
    span: tuple[int, int]
    clause: tuple[int, int]


@dataclass
class _Findings:
    hits: list[_Hit] = field(default_factory=list)
    other: list[tuple[int, int]] = field(default_factory=list)


@cache
def _compiled():
    def many(patterns):
        return re.compile("|".join(f"(?:{p})" for p in patterns))

    return {
        "ideation": many(lx.IDEATION), "sh_urge": many(lx.SH_URGE),
        "sh_act": many(lx.SH_ACT), "plan": many(lx.PLAN_STRONG),
        "hopeless": many(lx.HOPELESS),
        "negation": re.compile(lx.NEGATION), "past": re.compile(lx.PAST),
        "current": re.compile(lx.CURRENT), "other": re.compile(lx.OTHER_SUBJECT),
        "self": re.compile(lx.SELF_SUBJECT), "parts": re.compile(lx.PARTS),
        "media": re.compile(lx.MEDIA), "accident": re.compile(lx.ACCIDENT),
        "on_purpose": re.compile(lx.ON_PURPOSE), "irrealis": re.compile(lx.IRREALIS),
        "scope_end": re.compile(r"\b(?:and|so|because|then|while|when)\b"),
        "hyperbole": re.compile(lx.HYPERBOLE), "shorthand": re.compile(lx.SHORTHAND),
        "shorthand_words": re.compile(lx.SHORTHAND_WORDS),
        "clause": re.compile(r"[^.!?;\n]+|[.!?;\n]"),
        "split": re.compile(r"\b(?:but|though|although|however|except|instead)\b|,\s*(?=i\b)"),
    }


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-"})


def _normalise(text: str) -> str:
    """Lower-case without changing length, so spans point into the original text."""
    out = []
    for ch in text.translate(_FOLD):
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out)


# No clause is longer than this. Every test on a match looks only inside its clause, so
# capping the clause keeps screening linear in the text's length, whatever the text: a
# 100,000-character run with no punctuation costs the same per character as prose.
MAX_CLAUSE = 240


def _windows(start: int, end: int, text: str) -> list[tuple[int, int]]:
    """Cut an over-long clause at the last space before MAX_CLAUSE, or hard if none."""
    spans = []
    while end - start > MAX_CLAUSE:
        cut = text.rfind(" ", start + MAX_CLAUSE // 2, start + MAX_CLAUSE)
        cut = cut if cut > start else start + MAX_CLAUSE
        spans.append((start, cut))
        start = cut
    spans.append((start, end))
    return spans


def _clauses(text: str) -> list[tuple[int, int]]:
    """Sentences, then split again at 'but', 'though', ... so negation stays local, then
    into windows of at most MAX_CLAUSE characters."""
    rx = _compiled()
    spans = []
    for m in rx["clause"].finditer(text):
        if not m.group().strip(" .!?;\n"):
            continue
        start = m.start()
        for cut in rx["split"].finditer(m.group()):
            if cut.start() > 0:
                spans.extend(_windows(start, m.start() + cut.start(), text))
                start = m.start() + cut.start()
        spans.extend(_windows(start, m.end(), text))
    return spans


def _before(text: str, clause: tuple[int, int], at: int, words: int = 5) -> str:
    """The few words before a match, cut at the last 'and', 'so', 'because'...: the
    stretch where a 'not' or 'never' still applies to it."""
    head = text[clause[0]:at]
    ends = list(_compiled()["scope_end"].finditer(head))
    if ends:
        head = head[ends[-1].end():]
    return " ".join(head.split()[-words:])


def _whose(text: str, clause: tuple[int, int], span: tuple[int, int],
           any_self: bool = False) -> str:
    """'self' or 'other': the nearest subject before the match, or a reflexive in it.

    With any_self, any first-person subject earlier in the clause makes it the writer's:
    plans are told about oneself even when other people are in the sentence.
    """
    rx = _compiled()
    matched = text[span[0]:span[1]]
    if re.search(r"\b(?:himself|herself|themselves)\b", matched):
        whole = text[clause[0]:clause[1]]
        return "self" if rx["parts"].search(whole) else "other"
    if re.search(r"\b(?:myself|ourselves|me|my|i|us)\b", matched):
        return "self"
    head = text[clause[0]:span[0]]
    last_self = max((m.end() for m in rx["self"].finditer(head)), default=-1)
    last_other = max((m.end() for m in rx["other"].finditer(head)), default=-1)
    if any_self and last_self >= 0:
        return "self"
    if last_other > last_self:
        return "self" if rx["parts"].search(text[clause[0]:clause[1]]) else "other"
    return "self"


def _negated(text: str, clause: tuple[int, int], span: tuple[int, int]) -> bool:
    rx = _compiled()
    if rx["negation"].search(_before(text, clause, span[0])):
        return True
    after = text[span[1]:clause[1]][:20]
    return bool(re.match(r"\s*(?:-?\s*free\b|\s*0\b|\s*:\s*(?:none|0)\b)", after))


def _is_past(text: str, clause: tuple[int, int]) -> bool:
    rx = _compiled()
    whole = text[clause[0]:clause[1]]
    return bool(rx["past"].search(whole)) and not rx["current"].search(whole)


def _collect(text: str) -> _Findings:
    """1. Find every phrase from the lexicon, clause by clause.
    2. Drop matches that are negated, in a recovered past, in fiction or media, or
       accidents; those about someone else become concern_for_other.
    3. Read diary shorthand ("SI 4/5"): a 0 is an answer of none.
    """
    rx = _compiled()
    found = _Findings()
    for clause in _clauses(text):
        whole = text[clause[0]:clause[1]]
        media = bool(rx["media"].search(whole))
        accident = bool(rx["accident"].search(whole)) and not rx["on_purpose"].search(whole)
        past = _is_past(text, clause)
        for kind in ("ideation", "sh_urge", "sh_act", "plan", "hopeless"):
            for m in rx[kind].finditer(text, clause[0], clause[1]):
                span = (m.start(), m.end())
                if _negated(text, clause, span) or (past and kind != "hopeless"):
                    continue
                if _whose(text, clause, span, any_self=kind == "plan") == "other":
                    if kind != "hopeless":
                        found.other.append(span)
                    continue
                if media and not re.search(r"\b(?:myself|me|my)\b", text[span[0]:span[1]]):
                    continue
                if accident and kind == "sh_act":
                    continue
                if kind == "sh_act" and rx["irrealis"].search(text[clause[0]:span[0]]):
                    kind = "sh_urge"  # "want to hurt myself": an urge, not an act
                found.hits.append(_Hit(kind, span, clause))
        for m in rx["shorthand"].finditer(text, clause[0], clause[1]):
            span = (m.start(), m.end())
            if int(m.group("value")) == 0 or _negated(text, clause, span) or past:
                continue
            if _whose(text, clause, span) == "other":
                found.other.append(span)
                continue
            what = m.group("what")
            kind = "ideation" if what.startswith(("si", "suicidal", "urge to die", "urges to die"))\
                else "sh_urge"
            found.hits.append(_Hit(kind, span, clause))
        for m in rx["shorthand_words"].finditer(text, clause[0], clause[1]):
            span = (m.start(), m.end())
            if not _negated(text, clause, span) and not past:
                found.hits.append(_Hit("ideation", span, clause))
    return found


def screen(text: str) -> Screening:
    """Screen one piece of free text, whole, however long it is."""
    if not text or not text.strip():
        return Screening(Level.NONE, ())
    found = _collect(_normalise(text))
    kinds = {h.kind for h in found.hits}
    categories = set()
    if "hopeless" in kinds:
        categories.add("hopelessness")
    if "ideation" in kinds:
        categories.add("suicidal_ideation")
    if kinds & {"sh_urge", "sh_act"}:
        categories.add("self_harm")
    if "plan" in kinds:
        categories |= {"method_or_plan", "suicidal_ideation"}
    if found.other:
        categories.add("concern_for_other")
    level = next((lvl for lvl, needs in LEVEL_FROM if kinds & needs), Level.NONE)
    if level == Level.NONE:
        evidence = tuple(sorted(set(found.other)))
    else:
        evidence = tuple(sorted({h.span for h in found.hits if h.kind in EVIDENCE[level]}))
    return Screening(level, tuple(c for c in CATEGORIES if c in categories), evidence)
