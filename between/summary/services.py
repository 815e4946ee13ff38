"""Before my appointment: making, drafting and keeping a client's summary."""

import json
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from between.accounts.access import get_client_for_clinician
from between.accounts.models import CareLink, User
from between.audit.models import Action
from between.audit.services import record
from between.lib.errors import FieldError
from between.risk.screen import Screening
from between.risk.services import screen_writing
from between.safety.services import client_today
from between.summary import drafts
from between.summary.models import Summary

CONTENT = Path(__file__).resolve().parent / "content" / "sections.toml"
LONGEST = timedelta(days=366)
PERIODS = {"14": "The last 2 weeks", "30": "The last month", "90": "The last 3 months"}


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    prompt: str
    source: str = ""


@cache
def sections() -> tuple[Section, ...]:
    return tuple(Section(**s) for s in tomllib.loads(CONTENT.read_text())["sections"])


def check_period(client: User, start: date, end: date) -> None:
    if end < start:
        raise FieldError("ends_on", "The end comes before the start.")
    if end > client_today(client):
        raise FieldError("ends_on", "The end can't be after today.")
    if end - start > LONGEST:
        raise FieldError("starts_on", "Choose a year or less.")


def _drafted(client: User, start: date, end: date) -> list[dict]:
    found = drafts.draft(client, start, end)
    return [{"key": s.key, "text": found.get(s.key, ""), "drafted": found.get(s.key, ""),
             "include": True} for s in sections()]


@transaction.atomic
def start_summary(client: User, *, purpose: str, start: date, end: date) -> Summary:
    check_period(client, start, end)
    summary = Summary(client=client, starts_on=start, ends_on=end,
                      sections=json.dumps(_drafted(client, start, end), ensure_ascii=False))
    _screen(summary, purpose, [])
    summary.purpose = purpose
    summary.save()
    return summary


def parts(summary: Summary) -> list[dict]:
    """Each section with its heading, prompt and source, in the data file's order."""
    stored = {p["key"]: p for p in json.loads(summary.sections or "[]")}
    return [{**stored.get(s.key, {"key": s.key, "text": "", "drafted": "", "include": True}),
             "section": s} for s in sections()]


def own_words(text: str, drafted: str) -> str:
    """What the person wrote themselves: every line that isn't one Between drafted, so
    Between's own counts ("Urge to die: 4 or more on 3 days") never prompt anyone."""
    ours = {line.strip() for line in drafted.splitlines()}
    return "\n".join(line for line in text.splitlines()
                     if line.strip() and line.strip() not in ours)


def _screen(summary: Summary, purpose: str, kept: list[dict]) -> Screening:
    words = "\n".join([purpose, *(own_words(p["text"], p.get("drafted", "")) for p in kept)])
    # Private: the level is kept and the person sees their plan; nobody is told.
    return screen_writing(summary, words, client=summary.client, scope="summary",
                          where="Before my appointment", day=client_today(summary.client),
                          share=False)


@transaction.atomic
def save_summary(summary: Summary, *, purpose: str, start: date, end: date,
                 texts: dict[str, str], include: dict[str, bool], with_charts: bool,
                 redraft: bool = False) -> Screening:
    """Keep what the person wrote. Never refused for what it says.

    1. Check the period.
    2. Take each section's text and whether it goes in.
    3. With `redraft`, a section still exactly as Between drafted it is drafted again for
       the period; anything the person changed stays theirs.
    4. Screen the person's own words (not Between's drafted lines)."""
    check_period(summary.client, start, end)
    current = {p["key"]: p for p in parts(summary)}
    fresh = drafts.draft(summary.client, start, end) if redraft else {}
    kept = []
    for section in sections():
        old = current[section.key]
        text = texts.get(section.key, old["text"])
        drafted = old.get("drafted", "")
        if redraft and text.strip() == drafted.strip():
            text = drafted = fresh.get(section.key, "")
        kept.append({"key": section.key, "text": text, "drafted": drafted,
                     "include": include.get(section.key, False)})
    summary.purpose, summary.starts_on, summary.ends_on = purpose, start, end
    summary.with_charts = with_charts
    summary.sections = json.dumps(kept, ensure_ascii=False)
    summary.updated_at = timezone.now()
    screening = _screen(summary, purpose, kept)
    summary.save()
    return screening


def shareable_with(client):
    """The clinicians a client may show a summary to: those they work with now."""
    return User.objects.filter(pk__in=CareLink.objects.active().filter(client=client)
                               .values("clinician_id")).order_by("display_name")


@transaction.atomic
def share(summary: Summary, clinicians) -> list:
    """Show the summary to exactly these clinicians (none stops sharing). Each must be one
    the client works with now; the audit log records who, never the words."""
    allowed = set(shareable_with(summary.client).values_list("pk", flat=True))
    chosen = [c for c in clinicians if c.pk in allowed]
    before = set(summary.shared_with.values_list("pk", flat=True))
    summary.shared_with.set(chosen)
    after = {c.pk for c in chosen}
    if before != after:
        record(Action.SUMMARY_SHARED, actor=summary.client, subject=summary.client,
               target=f"summary:{summary.pk}",
               detail={"with": sorted(after), "stopped": sorted(before - after)})
    return chosen


def shared_with_clinician(clinician, client_id: int):
    """Summaries this client shares with this clinician, through an active link."""
    client = get_client_for_clinician(clinician, client_id)
    return client, Summary.objects.filter(client=client, shared_with=clinician)
