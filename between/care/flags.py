"""Flags as a clinician's worklist: how serious, where the words are, and what next.

Reads only; closing and reopening are in `services`.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from between.care.models import Flag

# Most serious first. A diary rating over a threshold or a questionnaire answer has no
# level of its own ("").
RANK = {"urgent": 0, "ideation": 1, "": 2}
LEVEL_WORDS = {"urgent": "Urgent", "ideation": "Thoughts of suicide or self-harm",
               "": "A rating or answer"}


def rank(flag: Flag) -> tuple:
    """Sort key: most serious level first, then the most recent."""
    return RANK.get(flag.level, 2), -flag.created_at.timestamp()


def level_words(flag: Flag) -> str:
    return LEVEL_WORDS.get(flag.level, LEVEL_WORDS[""])


@dataclass(frozen=True)
class Where:
    label: str
    url: str


def week_showing(day: date, today: date) -> date:
    """The first day of a diary week that shows `day` near its middle, and no days after
    today."""
    return min(day - timedelta(days=3), today - timedelta(days=6))


def where(flag: Flag) -> Where:
    """The page where the clinician can read what led to the flag, at the exact day,
    entry or message when there is one."""
    client_id = flag.client_id
    label, _, pk = flag.about.partition(":")

    def at(name: str, anchor: str = "", query: str = "") -> str:
        return reverse(name, args=[client_id]) + query + (f"#{anchor}" if anchor else "")

    if label == "journal.entry":
        return Where("The journal entry", at("care_journal", f"entry-{pk}"))
    if label == "care.message":
        return Where("The message", at("care_messages", f"m-{pk}"))
    if label == "skills.chainanalysis":
        return Where("The chain analysis", at("care_chains", f"chain-{pk}"))
    if label in ("care.sessionfeedback", "care.repairnote", "care.agendaitem"):
        return Where("Sessions and feedback", at("care_sessions"))
    if label.startswith("parts."):
        return Where("The front log", at("care_parts"))
    if label == "measures.response":
        return Where("The questionnaire scores", at("care_measures"))
    if label == "care.checkin":
        return Where("The check-in, in your digest", reverse("care_digest"))
    if flag.scope == "diary":
        start = week_showing(flag.day, timezone.localdate())
        return Where(f"The diary card for {flag.day:%a %-d %b}",
                     at("care_diary", f"day-{flag.day:%Y-%m-%d}", f"?start={start:%Y-%m-%d}"))
    return Where("Their overview", at("care_client"))
