"""screen(text) -> Screening: does this text suggest risk to the person who wrote it?

Rules and lexicons decide; a small learned second opinion (`model.py`, committed weights)
can raise what they leave low. Nothing is downloaded and nothing is learned at run time.
It is not a diagnostic device and no substitute for asking someone how they are.
"""

import re
import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from enum import IntEnum
from functools import cache, cached_property

from between.lib.literals import LiteralIndex, digits_as_one, tells_digits_apart
from between.risk import lexicon as lx
from between.risk.model import model


class Level(IntEnum):
    NONE = 0
    DISTRESS = 1
    IDEATION = 2
    URGENT = 3

    @property
    def label(self) -> str:
        return self.name.lower()


CATEGORIES = ("suicidal_ideation", "self_harm", "method_or_plan", "hopelessness",
              "concern_for_other", "possible_risk", "unread_risk")
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
    # Clauses whose risk words the rules read and set aside: negated, past, someone
    # else's, fiction, an accident, a routine purpose, a shorthand 0. The second opinion
    # does not overrule that judgement.
    judged: set[tuple[int, int]] = field(default_factory=set)
    # Clauses with risk words that came after the reading budget ran out (WORK_FLOOR).
    unread: list[tuple[int, int]] = field(default_factory=list)
    work: int = 0  # the close reading's cost, in WORK units


KINDS = ("ideation", "sh_urge", "sh_act", "plan", "hopeless", "present")


@cache
def _compiled():
    lists = {"ideation": lx.IDEATION, "sh_urge": lx.SH_URGE, "sh_act": lx.SH_ACT,
             "plan": lx.PLAN_STRONG, "hopeless": lx.HOPELESS, "present": lx.PRESENT}
    return {
        "lexicon": LiteralIndex([p for kind in KINDS for p in lists[kind]]),
        "kind_of": [kind for kind in KINDS for _ in lists[kind]],
        "negation": re.compile(lx.NEGATION), "past": re.compile(lx.PAST),
        "current": re.compile(lx.CURRENT), "other": re.compile(lx.OTHER_SUBJECT),
        "recovered": re.compile(lx.RECOVERED), "relapse": re.compile(lx.RELAPSE),
        "self": re.compile(lx.SELF_SUBJECT), "parts": re.compile(lx.PARTS),
        "media": re.compile(lx.MEDIA), "routine": re.compile(lx.ROUTINE),
        "hoard": re.compile(lx.HOARD), "safekeeping": re.compile(lx.SAFEKEEPING),
        "accident": re.compile(lx.ACCIDENT),
        "on_purpose": re.compile(lx.ON_PURPOSE), "irrealis": re.compile(lx.IRREALIS),
        "scope_end": re.compile(r"\b(?:and|so|because|then|while|when)\b"),
        "hyperbole": re.compile(lx.HYPERBOLE), "shorthand": re.compile(lx.SHORTHAND),
        "shorthand_words": re.compile(lx.SHORTHAND_WORDS),
        "clause": re.compile(r"[^.!?;\n]+|[.!?;\n]"),
        "split": re.compile(r"\b(?:but|though|although|however|except|instead)\b|,\s*(?=i\b)"),
    }


@cache
def _digit_sensitive() -> tuple[frozenset[int], frozenset[str]] | None:
    """Which lexicon patterns and which clause checks tell non-zero digits apart, for
    the numbers-blind reuse of readings in `_collect`; None turns that reuse off, when
    anything it cannot track does (a required literal with a digit, a negation cue...)."""
    rx = _compiled()
    index = rx["lexicon"]
    if any(ch in "123456789" for key in index.wakes for ch in key):
        return None
    always_asked = ("negation", "scope_end", "self", "other", "irrealis")
    module = (_AFTER_NEGATION, _OTHER_REFLEXIVE, _SELF_WORD, _SELF_IN_MATCH)
    if any(tells_digits_apart(rx[name].pattern) for name in always_asked) or any(
            tells_digits_apart(r.pattern) for r in module):
        return None
    patterns = frozenset(i for i, c in enumerate(index.compiled)
                         if tells_digits_apart(c.pattern))
    checks = frozenset(name for name, r in rx.items()
                       if hasattr(r, "pattern") and tells_digits_apart(r.pattern))
    return patterns, checks


_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                       "\u2013": "-", "\u2014": "-"})


def _normalise(text: str) -> str:
    """Lower-case without changing length, so spans point into the original text."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):  # lower() never shortens: same length, same places
        return lowered
    out = []
    for ch in folded:
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


# After this many confirmed matches of one kind, further ones add nothing: the level is
# set and the evidence already points at the words. It bounds the work on repetition.
MAX_HITS = 8

# How much close reading one text may cost, in units of about 40 ns here: each pattern
# run costs its clause's length plus RUN_WORK, each clause with a pattern to run CLAUSE_WORK.
# The floor is more than twice what the densest real writing costs at the longest a field
# accepts (the risk data run together: at most about 150,000 in any 20,000 characters),
# so real writing is read closely in full. Past the budget, the clauses left are only
# glanced at: any with risk words makes the level at least ideation, as `unread_risk`.
# The writer's risk is never read as less, and no text, whatever it is built from, costs
# more than the budget.
WORK_FLOOR = 400_000
WORK_PER_CHAR = 4
RUN_WORK = 15
CLAUSE_WORK = 460
RISK_KINDS = frozenset({"ideation", "sh_urge", "sh_act", "plan"})


class _Context:
    """Where subjects, negations and scope ends fall in the whole text, found once, so
    each match is judged by bisection instead of rescanning its clause."""

    def __init__(self, text: str):
        self.text = text
        self._ends: dict[str, list[int]] = {}

    def ends(self, name: str) -> list[int]:
        """Where each match of one of the compiled patterns ends: "negation", "scope_end",
        "self" or "other". Each is looked for only when a match first needs it: most texts
        have no match at all, and a text whose every match is negated never asks whose
        words they are."""
        if name not in self._ends:
            self._ends[name] = [m.end() for m in _compiled()[name].finditer(self.text)]
        return self._ends[name]

    @staticmethod
    def _last(positions: list[int], lo: int, hi: int) -> int:
        """The last position in [lo, hi], or -1."""
        i = bisect_right(positions, hi)
        return positions[i - 1] if i and positions[i - 1] >= lo else -1

    def negated(self, clause: tuple[int, int], span: tuple[int, int], words: int = 5) -> bool:
        """A 'not' or 'never' among the few words before the match, after the last 'and',
        'so', 'because'...; or '-free', '0', ': none' right after it."""
        head_start = max(clause[0], self._last(self.ends("scope_end"), clause[0], span[0]))
        negation = self._last(self.ends("negation"), head_start, span[0])
        if negation >= 0 and len(self.text[negation:span[0]].split()) < words:
            return True
        after = self.text[span[1]:clause[1]][:20]
        return bool(_AFTER_NEGATION.match(after))

    def whose(self, clause: tuple[int, int], span: tuple[int, int], parts: bool,
              any_self: bool = False) -> str:
        """'self' or 'other': the nearest subject before the match, or a reflexive in it.

        With any_self, any first-person subject earlier in the clause makes it the writer's:
        plans are told about oneself even when other people are in the sentence. Parts
        language ("a part of me", "the little one") is the writer's.
        """
        matched = self.text[span[0]:span[1]]
        if _OTHER_REFLEXIVE.search(matched):
            return "self" if parts else "other"
        if _SELF_WORD.search(matched):
            return "self"
        last_self = self._last(self.ends("self"), clause[0], span[0])
        last_other = self._last(self.ends("other"), clause[0], span[0])
        if any_self and last_self >= 0:
            return "self"
        if last_other > last_self:
            return "self" if parts else "other"
        return "self"


_AFTER_NEGATION = re.compile(r"\s*(?:-?\s*free\b|\s*0\b|\s*:\s*(?:none|0|no)\b)|"
                             + lx.AFTER_PASSED)
_DIGIT = re.compile(r"\d")
_NONZERO = re.compile(r"[1-9]")
_OTHER_REFLEXIVE = re.compile(r"\b(?:himself|herself|themselves)\b")
_SELF_WORD = re.compile(r"\b(?:myself|ourselves|me|my|i|us)\b")
_SELF_IN_MATCH = re.compile(r"\b(?:myself|me|my)\b")


def _matches(found: list[tuple[int, str, int]], text: str, clause: tuple[int, int],
             counts: dict[str, int], ran: set[int]) -> dict[str, list[re.Match]]:
    """Matches in one clause by kind, leftmost first. Only the patterns whose literals
    occur wholly inside the clause run, and none of a kind already at MAX_HITS. The
    patterns run are added to `ran`."""
    rx = _compiled()
    index, kind_of = rx["lexicon"], rx["kind_of"]
    start, end = clause
    inside = found[bisect_left(found, (start, "")):bisect_left(found, (end, ""))]
    matches: dict[str, list[re.Match]] = {}
    for i in index.candidates(inside, end):
        kind = kind_of[i]
        if counts[kind] < MAX_HITS:
            ran.add(i)
            if ms := list(index.compiled[i].finditer(text, start, end)):
                if kind in matches:
                    matches[kind] += ms
                else:
                    matches[kind] = ms
    for ms in matches.values():
        if len(ms) > 1:
            ms.sort(key=lambda m: (m.start(), -m.end()))
    return matches


class _About:
    """What a clause says about its own words, each looked up only when a match needs it:
    most matches are settled by a negation before any of these is asked."""

    def __init__(self, whole: str):
        self.whole = whole
        self.asked: set[str] = set()

    def _has(self, name: str) -> bool:
        self.asked.add(name)
        return _compiled()[name].search(self.whole) is not None

    @cached_property
    def media(self) -> bool:
        return self._has("media")

    @cached_property
    def accident(self) -> bool:
        return self._has("accident") and not self._has("on_purpose")

    @cached_property
    def past(self) -> bool:
        return ((self._has("past") and not self._has("current"))
                or (self._has("recovered") and not self._has("relapse")))

    @cached_property
    def parts(self) -> bool:
        return self._has("parts")

    @cached_property
    def routine(self) -> bool:
        # "Saved from repeat prescriptions" is stockpiling, whatever the pharmacy did.
        return self._has("routine") and not self._has("hoard")


@dataclass
class _Reading:
    """What the rules made of one clause, with spans relative to its start."""
    hits: list[tuple[str, tuple[int, int]]] = field(default_factory=list)
    other: list[tuple[int, int]] = field(default_factory=list)
    judged: bool = False
    # Reached without asking anything that tells one non-zero digit from another, so it
    # holds for the same clause with other numbers in it ("… 12", "… 13").
    digit_blind: bool = True
    work: int = 0  # what reading it cost, in WORK units


def _collect(text: str, clauses: list[tuple[int, int]]) -> _Findings:
    """1. Find every phrase from the lexicon, clause by clause.
    2. Drop matches that are negated, in a recovered past, in fiction or media, or
       accidents; those about someone else become concern_for_other.
    3. Read diary shorthand ("SI 4/5"): a 0 is an answer of none.
    Each clause is at most MAX_CLAUSE long and each kind stops after MAX_HITS, so the
    work grows linearly with the text. A clause read once is not read again: the same
    words, after the same character, get the same reading; and so do the same words with
    other numbers in them ("… 12", "… 13"), when nothing that reading asked tells one
    non-zero digit from another (see `_digit_sensitive`). Once the reading has cost its
    budget (WORK_FLOOR), the clauses left with risk words are listed as unread.
    """
    ctx = _Context(text)
    literals = _compiled()["lexicon"].found(text)
    found = _Findings()
    counts = dict.fromkeys((*KINDS, "other"), 0)
    # Diary shorthand is rare: one cheap look at the whole text says whether any clause
    # could hold it (every form has "si", or a number with one of these words).
    shorthand = "si" in text or "ideation" in text or (_DIGIT.search(text) is not None and any(
        word in text for word in ("sh", "self", "urge", "suicid")))
    read: dict[tuple[str, str], _Reading] = {}
    blind: dict[tuple[str, str], _Reading] = {}  # keyed with every non-zero digit as 1
    # Without a non-zero digit, the numbers-blind key is the word-for-word one.
    numbers_blind = _digit_sensitive() is not None and _NONZERO.search(text) is not None
    canon_text = digits_as_one(text) if numbers_blind else text  # once, not per clause
    budget = WORK_FLOOR + WORK_PER_CHAR * len(text)
    for clause in clauses:
        key = (text[clause[0] - 1:clause[0]], text[clause[0]:clause[1]])
        reading = read.get(key)
        if reading is None and numbers_blind:
            canon = (canon_text[clause[0] - 1:clause[0]], canon_text[clause[0]:clause[1]])
            reading = blind.get(canon)
        if reading is None and budget <= 0:
            if _has_risk_words(text, clause, literals, shorthand):
                found.unread.append(clause)
            continue
        if reading is None:
            reading = read[key] = _read(text, clause, ctx, literals, counts, shorthand)
            found.work += reading.work
            budget -= reading.work
            if numbers_blind and reading.digit_blind:
                blind[canon] = reading
        at = clause[0]
        if reading.judged:
            found.judged.add(clause)
        for kind, (start, end) in reading.hits:
            if counts[kind] < MAX_HITS:
                found.hits.append(_Hit(kind, (at + start, at + end), clause))
                counts[kind] += 1
        for start, end in reading.other:
            if counts["other"] < MAX_HITS:
                found.other.append((at + start, at + end))
                counts["other"] += 1
    return found


def _read(text: str, clause: tuple[int, int], ctx: _Context,
          literals: list[tuple[int, str, int]], counts: dict[str, int],
          shorthand: bool) -> _Reading:
    """The rules' reading of one clause."""
    rx = _compiled()
    reading = _Reading()
    ran: set[int] = set()
    by_kind = _matches(literals, text, clause, counts, ran)
    notes, words = [], []
    if shorthand and counts["ideation"] < MAX_HITS:
        # Whether the shorthand matches at all turns on "\d{1,2}" only (its "/5" or
        # "/10" is optional), so a clause where it finds nothing stays numbers-blind.
        notes = list(rx["shorthand"].finditer(text, clause[0], clause[1]))
        words = list(rx["shorthand_words"].finditer(text, clause[0], clause[1]))
    sensitive = _digit_sensitive()
    reading.digit_blind = sensitive is not None and not notes and not (ran & sensitive[0])
    if ran:
        reading.work = CLAUSE_WORK + len(ran) * (RUN_WORK + clause[1] - clause[0])
    if not by_kind and not notes and not words:
        return reading  # nothing here to judge: most clauses of most texts
    at = clause[0]

    def relative(span: tuple[int, int]) -> tuple[int, int]:
        return span[0] - at, span[1] - at

    about = _About(text[clause[0]:clause[1]])
    for kind in KINDS:
        kept = 0
        for m in by_kind.get(kind, ()):
            span = (m.start(), m.end())
            if ctx.negated(clause, span) or (about.past and kind != "hopeless"):
                reading.judged = True
                continue
            if ctx.whose(clause, span, about.parts, any_self=kind == "plan") == "other":
                reading.judged = True
                if kind not in ("hopeless", "present"):
                    reading.other.append(relative(span))
                continue
            if about.media and not _SELF_IN_MATCH.search(text[span[0]:span[1]]):
                reading.judged = True
                continue
            if (about.accident and kind == "sh_act") or (about.routine and kind == "plan"):
                reading.judged = True
                continue
            hit_kind = kind
            if kind == "sh_act" and rx["irrealis"].search(text[clause[0]:span[0]]):
                hit_kind = "sh_urge"  # "want to hurt myself": an urge, not an act
            reading.hits.append((hit_kind, relative(span)))
            kept += 1
            if counts[kind] + kept >= MAX_HITS:
                break
    for m in notes:
        span = (m.start(), m.end())
        if int(m.group("value")) == 0 or ctx.negated(clause, span) or about.past:
            reading.judged = True
            continue
        if ctx.whose(clause, span, about.parts) == "other":
            reading.judged = True
            reading.other.append(relative(span))
            continue
        what = m.group("what")
        kind = "ideation" if what.startswith(
            ("si", "suicidal", "urge to die", "urges to die")) else "sh_urge"
        reading.hits.append((kind, relative(span)))
    for m in words:
        span = (m.start(), m.end())
        if not ctx.negated(clause, span) and not about.past:
            reading.hits.append(("ideation", relative(span)))
    if sensitive is not None and about.asked & sensitive[1]:
        reading.digit_blind = False
    return reading


def _has_risk_words(text: str, clause: tuple[int, int], literals: list[tuple[int, str, int]],
                    shorthand: bool) -> bool:
    """Whether a clause holds what a risk pattern needs, without running any: the glance
    given to clauses past the reading budget."""
    rx = _compiled()
    inside = literals[bisect_left(literals, (clause[0], "")):
                      bisect_left(literals, (clause[1], ""))]
    if any(rx["kind_of"][i] in RISK_KINDS for i in rx["lexicon"].candidates(inside, clause[1])):
        return True
    return shorthand and any(rx[name].search(text, clause[0], clause[1]) is not None
                             for name in ("shorthand", "shorthand_words"))


def _merged(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Overlapping spans as one: several patterns may point at the same words."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


# The second opinion reads at most this much of one text; the rules read all of it. It
# bounds the model's share of the work on a very long text.
MODEL_CHARS = 4_000
# Passages of about this length are scored one at a time: the length of the entries it
# learned from. A whole long post would dilute one risky sentence among many ordinary ones.
PASSAGE = 400


def _passages(text: str, clauses: list[tuple[int, int]],
              judged: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """Consecutive clauses joined into passages of at most PASSAGE characters; only those
    with a clause the rules did not judge, and that does not put the means out of reach.

    The model reads a passage whole, negations and the past included, so it has the
    context it learned from ("No self harm for six months today. Thought you'd want to
    know."). It does not read a passage that is all judged clauses ("urge to die 0"):
    there the rules have already said why the words don't count.
    """
    safekeeping = _compiled()["safekeeping"]
    passages: list[tuple[int, int]] = []
    budget, joined, free = MODEL_CHARS, None, False
    for start, end in clauses:
        if budget <= 0:
            break
        budget -= end - start
        if safekeeping.search(text, start, end):
            # Means put out of reach: not risk, and not context the model should weigh.
            if joined and free:
                passages.append(joined)
            joined, free = None, False
            continue
        unjudged = (start, end) not in judged
        if joined and end - joined[0] <= PASSAGE:
            joined, free = (joined[0], end), free or unjudged
            continue
        if joined and free:
            passages.append(joined)
        joined, free = (start, end), unjudged
    if joined and free:
        passages.append(joined)
    return passages


@dataclass(frozen=True)
class _Opinion:
    risky: tuple[int, int] | None = None   # the riskiest passage past the prompt threshold
    confident: bool = False                # ... and past the stricter one
    urgent: tuple[int, int] | None = None  # the most urgent-sounding passage past its own


def _second_opinion(text: str, clauses: list[tuple[int, int]],
                    judged: set[tuple[int, int]]) -> _Opinion:
    found = model()
    if found is None:
        return _Opinion()
    risky = urgent = None
    for start, end in _passages(text, clauses, judged):
        p, u = found.scores(text[start:end])
        if p >= found.threshold and (risky is None or p > risky[0]):
            risky = (p, (start, end))
        if u >= found.urgent_threshold and (urgent is None or u > urgent[0]):
            urgent = (u, (start, end))
    return _Opinion(_pinpoint(text, risky[1], 0) if risky else None,
                    risky is not None and risky[0] >= found.confident,
                    _pinpoint(text, urgent[1], 1) if urgent else None)


def _pinpoint(text: str, passage: tuple[int, int], head: int) -> tuple[int, int]:
    """The clause in a passage that the head scores highest: the words a clinician sees
    marked, rather than the whole passage."""
    clauses = [c for c in _clauses(text[:passage[1]]) if c[0] >= passage[0]]
    if len(clauses) > 1:
        found = model()
        passage = max(clauses, key=lambda c: found.scores(text[c[0]:c[1]])[head])
    start, end = passage
    while start < end and text[start].isspace():
        start += 1
    return start, end


# Long texts take one turn at a time in each process: eight at once would share the CPU
# eight ways with every other request, the crisis page's included. Short ones never wait.
LONG_TEXT = 2_000
_one_long_screen = threading.Lock()


def screen(text: str) -> Screening:
    """Screen one piece of free text, whole, however long it is."""
    if not text or not text.strip():
        return Screening(Level.NONE, ())
    if len(text) > LONG_TEXT:
        with _one_long_screen:
            return _screen(text)
    return _screen(text)


def _screen(text: str) -> Screening:
    normalised = _normalise(text)
    clauses = _clauses(normalised)
    found = _collect(normalised, clauses)
    kinds = {h.kind for h in found.hits}
    if "present" in kinds and kinds & {"ideation", "sh_urge"}:
        # A wish to die or to self-harm, with the means or the place at hand: a plan.
        kinds.add("plan")
        found.hits.extend(_Hit("plan", h.span, h.clause) for h in found.hits
                          if h.kind == "present")
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
    if level < Level.URGENT:
        opinion = _second_opinion(normalised, clauses, found.judged)
        rules_found_risk = level == Level.IDEATION
        if level < Level.IDEATION and opinion.risky:
            categories.add("possible_risk")
            found.hits.append(_Hit("ideation", opinion.risky, opinion.risky))
            level = Level.IDEATION
        if level < Level.IDEATION and found.unread:
            categories.add("unread_risk")  # risk words past the reading budget
            found.hits.extend(_Hit("ideation", c, c) for c in found.unread[:MAX_HITS])
            level = Level.IDEATION
        if opinion.urgent and (rules_found_risk or opinion.confident):
            # Risk is surely there, and the words read like an act, a plan or its
            # preparation. On the model's word alone and below its stricter threshold, a
            # prompt and a flag, but no urgent alert: "going to sleep early tonight" must
            # not page a duty clinician.
            categories.add("possible_risk")
            found.hits.append(_Hit("plan", opinion.urgent, opinion.urgent))
            level = Level.URGENT
    if level == Level.NONE:
        evidence = _merged(found.other)
    else:
        evidence = _merged([h.span for h in found.hits if h.kind in EVIDENCE[level]])
    return Screening(level, tuple(c for c in CATEGORIES if c in categories), evidence)
