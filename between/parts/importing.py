"""What every import from another plural app shares: the report, and the two ways rows
come into Between (a part matched by where it came from, and a front period added once)."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from between.accounts.models import User
from between.lib.errors import FieldError
from between.parts import services
from between.parts.models import Front, Part


@dataclass
class Report:
    parts_added: int = 0
    parts_updated: int = 0
    periods_added: int = 0
    periods_skipped: int = 0
    not_kept: Counter = field(default_factory=Counter)
    system_not_kept: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    risky: bool = False

    @property
    def left_behind(self) -> list[tuple[str, int]]:
        # A Counter in a template answers 0 to `.items`; hand it a plain list.
        return sorted(self.not_kept.items())


def text(value, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def colour(value) -> str:
    """'#rrggbb' from 'rrggbb' or '#RRGGBB'; anything else is no colour."""
    if isinstance(value, str) and re.fullmatch(r"#?[0-9a-fA-F]{6}", value.strip()):
        return "#" + value.strip().lstrip("#").lower()
    return ""


def load(raw: bytes, app: str) -> object:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FieldError("file", f"this isn't a {app} export: it isn't JSON.") from None


def looks_like_simply_plural(raw: bytes) -> bool:
    """Simply Plural's export holds its database collections: a front history, and
    members with database ids. PluralKit's has a version and switches."""
    data = load(raw, "PluralKit or Simply Plural")
    if not isinstance(data, dict):
        return False
    members = data.get("members")
    return "frontHistory" in data or (isinstance(members, list) and any(
        isinstance(m, dict) and "_id" in m for m in members[:5]))


def upsert_part(client: User, report: Report, known: dict, source_id: str, *, name: str,
                pronouns: str, description: str, colour: str) -> Part:
    """A part from the file: the one imported from the same place before, updated, or a
    new one. What the client added in Between (role, emoji, what helps, privacy) stays."""
    part = known.get(source_id)
    kept = {"age_or_role": part.age_or_role or "", "emoji": part.emoji or "",
            "helps": part.helps or "", "private": part.private} if part else {}
    part = services.save_part(client, part=part, name=name, pronouns=pronouns,
                              colour=colour, description=description, **kept)
    if part.source_id != source_id:
        part.source_id = source_id
        part.save(update_fields=["source_id"])
        report.parts_added += 1
    else:
        report.parts_updated += 1
    report.risky = report.risky or part.risk_level in ("ideation", "urgent")
    return part


def known_parts(client: User, source: str) -> dict:
    return {p.source_id: p for p in Part.objects.filter(client=client,
                                                        source_id__startswith=f"{source}:")}


def add_periods(client: User, report: Report, source: str,
                periods: list[tuple[datetime, datetime | None, list[Part], str]]) -> None:
    """Add (start, end, parts, status) periods, each once: one already imported from the
    same start is left as it is. A period the file leaves open ends where one already kept
    in Between begins."""
    done = set(Front.objects.filter(client=client, source_id__startswith=f"{source}:")
               .values_list("source_id", flat=True))
    # In bulk: a long history is thousands of periods, read in one request.
    fronts, links = [], []
    for start, end, parts, status in periods:
        source_id = f"{source}:{start.isoformat()}"
        if source_id in done:
            report.periods_skipped += 1
            continue
        done.add(source_id)
        front = Front(client=client, kind=Front.Kind.FRONT, started_at=start, ended_at=end,
                      status=status[:200], source_id=source_id)
        fronts.append(front)
        links += [Front.fronting.through(front_id=front.pk, part_id=p.pk) for p in parts]
    Front.objects.bulk_create(fronts, batch_size=500)
    Front.fronting.through.objects.bulk_create(links, batch_size=500)
    report.periods_added += len(fronts)
    for front in Front.objects.filter(client=client, ended_at__isnull=True,
                                      source_id__startswith=f"{source}:"):
        later = (Front.objects.filter(client=client, started_at__gt=front.started_at)
                 .order_by("started_at").values_list("started_at", flat=True).first())
        if later:
            front.ended_at = later
            front.save(update_fields=["ended_at"])
