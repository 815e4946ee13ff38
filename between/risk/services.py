"""The one place free text is screened, and what follows from it."""

from datetime import date

from between.accounts.models import User
from between.care.services import raise_flag
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


def screen_text(client: User, text: str | None, *, scope: str, where: str, day: date,
                share: bool = True) -> Screening:
    """Screen a client's words and, at ideation or above, flag their care team.

    1. Screen the whole text (never truncated).
    2. At `ideation` or `urgent`, every clinician who can see `scope` gets a flag: a
       summary naming where and what kind, and the excerpt, encrypted.
    3. `share=False` (an unshared journal entry, say) screens without flagging: the
       client still sees their prompt, but nothing they kept private leaves.
    The caller stores the level and categories, and shows the client their prompt.
    """
    screening = screen(text or "")
    if screening.level >= TO_FLAG and share:
        kinds = ", ".join(c.replace("_", " ") for c in screening.categories) or "risk"
        raise_flag(client, scope=scope, source="screening", day=day,
                   summary=f"{where}, {day:%a %d %b}: {screening.level.label} ({kinds})",
                   excerpt=excerpt(text, screening))
    return screening
