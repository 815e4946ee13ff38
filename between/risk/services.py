"""The one place free text is screened, and what follows from it."""

from datetime import date

from between.accounts.models import User
from between.care.services import raise_flag
from between.risk.models import Screened
from between.risk.screen import Level, Screening, screen

EXCERPT_CHARS = 280
TO_FLAG = Level.IDEATION


def excerpt(text: str, screening: Screening) -> str:
    """The writer's words around the first piece of evidence, for the clinician's flag."""
    if not screening.evidence:
        return text[:EXCERPT_CHARS]
    start, end = screening.evidence[0]
    lo = max(0, start - EXCERPT_CHARS // 2)
    hi = min(len(text), max(end, lo + EXCERPT_CHARS))
    return ("…" if lo else "") + text[lo:hi].strip() + ("…" if hi < len(text) else "")


def screen_writing(record: Screened, text: str | None, *, client: User, scope: str,
                   where: str, day: date, share: bool = True, newly_shared: bool = False,
                   with_excerpt: bool = True, **flag) -> Screening:
    """The one path for a client's written words: every screened field comes through here.

    1. Screen the text, whole.
    2. Store the level and categories on the record (the caller saves it).
    3. At `ideation` or above, flag the care team, but only when the level rose above
       what the record held, or the words were just shared: saving the same words again,
       or a half-finished worksheet step by step, raises one flag, not one per save.
    4. `share=False` keeps it with the client (an unshared journal entry); without
       `with_excerpt` the flag names where and what kind but carries none of the words
       (a skills worksheet, which clinicians never read).
    `flag` passes `source` and `clinician_ids` on to the flag (a message goes to one
    clinician). The caller shows the client their prompt when `needs_prompt()` says so.
    """
    before = Level.NONE if newly_shared else Level[record.risk_level.upper()]
    screening = screen(text or "")
    record.apply_screening(screening)
    if share and screening.level >= TO_FLAG and screening.level > before:
        kinds = ", ".join(CATEGORY_WORDS.get(c, c.replace("_", " "))
                          for c in screening.categories) or "risk"
        raise_flag(client, scope=scope, source=flag.pop("source", "screening"), day=day,
                   summary=f"{where}, {day:%a %d %b}: {screening.level.label} ({kinds})",
                   excerpt=excerpt(text, screening) if with_excerpt else None,
                   about=about(record), level=screening.level.label, **flag)
    return screening


# How a flag's summary names a category, where its code name is not plain enough.
CATEGORY_WORDS = {"possible_risk": "possible risk, read by the learned model",
                  "unread_risk": "risk words in a text too long to read closely"}


def about(record: Screened) -> str:
    """How a flag names the record its words came from."""
    return f"{record._meta.label_lower}:{record.pk}"


def needs_prompt(record: Screened) -> bool:
    """Whether the client should see their plan and the crisis lines after this save."""
    return Level[record.risk_level.upper()] >= TO_FLAG


def evidence_segments(text: str) -> list[tuple[str, bool]]:
    """The text in pieces, each marked True where the screen found the words that led
    to its level: how a flag explains itself to the clinician. Nothing is stored; the
    excerpt is screened again when shown."""
    screening = screen(text)
    pieces, at = [], 0
    for start, end in screening.evidence if screening.level >= TO_FLAG else ():
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
