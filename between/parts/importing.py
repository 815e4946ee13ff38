"""What every import from another plural app shares: the report, and the two ways rows
come into Between (a part matched by where it came from, and a front period added once)."""

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from between.accounts import keys
from between.accounts.models import User
from between.lib.errors import FieldError
from between.parts import services
from between.parts.models import Front, Part
from between.risk.services import screen_writing
from between.safety.services import client_today


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
    # Risky words the care team will hear of: a part's details that aren't private.
    # Imported notes come in private, so they never make this true.
    risky_shared: bool = False

    @property
    def worth_a_look(self) -> list[str]:
        return list(dict.fromkeys(self.problems))  # each problem once, however often

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


def iso_time(value) -> datetime | None:
    """An ISO 8601 moment with its zone ('Z' or an offset), or None."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def stamp(at: datetime | None) -> str | None:
    """A moment in UTC with a 'Z', as these formats write it."""
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z") if at else None


def check_size(data: dict, limit: int) -> None:
    if sum(len(v) for v in data.values() if isinstance(v, list)) > limit:
        raise FieldError("file", "this file is larger than Between can read at once.")


def load(raw: bytes, app: str) -> object:
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FieldError("file", f"this isn't a {app} export: it isn't JSON.") from None


def which(raw: bytes) -> str:
    """Which app wrote this export: "pluralport" (it says its version), "simplyplural" (a
    front history, members with database ids) or "pluralkit" (the rest)."""
    data = load(raw, "PluralKit, Simply Plural or PluralPort")
    if not isinstance(data, dict):
        return "pluralkit"
    if "openplural_version" in data:
        return "pluralport"
    members = data.get("members")
    if "frontHistory" in data or (isinstance(members, list) and any(
            isinstance(m, dict) and "_id" in m for m in members[:5])):
        return "simplyplural"
    return "pluralkit"


def upsert_part(client: User, report: Report, known: dict, source_id: str, *, name: str,
                pronouns: str, description: str, colour: str) -> Part:
    """A part from the file: the one imported from the same place before, updated, or a
    new one. What the client added in Between (role, emoji, what helps, privacy) stays."""
    part = known.get(source_id)
    kept = {"age_or_role": part.text("age_or_role") or "", "emoji": part.shown_emoji(),
            "helps": part.text("helps") or "", "private": part.private} if part else {}
    part = services.save_part(client, part=part, name=name, pronouns=pronouns,
                              colour=colour, description=description, **kept)
    if part.source_id != source_id:
        part.source_id = source_id
        part.save(update_fields=["source_id"])
        report.parts_added += 1
    else:
        report.parts_updated += 1
    _note_risk(report, part)
    return part


def _note_risk(report: Report, part: Part) -> None:
    if part.risk_level in ("ideation", "urgent"):
        report.risky = True
        report.risky_shared = report.risky_shared or not {"description", "helps"} & set(
            part.private)


def refine_part(client: User, report: Report, part: Part, *, private=(),
                **details) -> Part:
    """Add what a file holds beyond the basics (an age or role, an emoji, what helps),
    through the same save as every other change, so it is screened too."""
    fields = {f: part.text(f) or "" for f in part.text_fields}
    fields |= {"name": part.shown_name(), "colour": part.colour}
    part = services.save_part(client, part=part, **{**fields, **details},
                              private=private or part.private)
    _note_risk(report, part)
    return part


def known_parts(client: User, source: str) -> dict:
    return {p.source_id: p for p in Part.objects.filter(client=client,
                                                        source_id__startswith=f"{source}:")}


@dataclass
class Period:
    """A stretch of time as a file gives it, before it becomes a Front."""

    start: datetime
    end: datetime | None
    fronting: list = field(default_factory=list)
    status: str = ""
    co_conscious: list = field(default_factory=list)
    kind: str = Front.Kind.FRONT
    note: str = ""
    approximate: bool = False
    key: str = ""  # the file's own id for it; its start when it has none


def add_periods(client: User, report: Report, source: str, periods: list[Period]) -> None:
    """Add periods, each once: one already imported from the same file record is left as
    it is. A period the file leaves open ends where one already kept in Between begins.
    Notes come in private: the client chooses, in Between, what to share."""
    done = set(Front.objects.filter(client=client, source_id__startswith=f"{source}:")
               .values_list("source_id", flat=True))
    # In bulk: a long history is thousands of periods, read in one request.
    fronts, links, aware = [], [], []
    fronting, co_conscious = Front.fronting.through, Front.co_conscious.through
    for period in periods:
        source_id = f"{source}:{period.key or period.start.isoformat()}"[:80]
        if source_id in done:
            report.periods_skipped += 1
            continue
        done.add(source_id)
        front = Front(client=client, kind=period.kind, started_at=period.start,
                      ended_at=period.end, status=period.status[:200] or None,
                      note=period.note or None, approximate=period.approximate,
                      source_id=source_id)
        if period.note:  # private until shared, but read like every written word
            screen_writing(front, period.note, client=client, scope="parts",
                           where="Front log", day=client_today(client), share=False)
            report.risky = report.risky or front.risk_level in ("ideation", "urgent")
        fronts.append(front)
        # A file may name someone twice in one switch; they were there once.
        links += [fronting(front_id=front.pk, part_id=p.pk)
                  for p in dict.fromkeys(period.fronting)]
        aware += [co_conscious(front_id=front.pk, part_id=p.pk)
                  for p in dict.fromkeys(period.co_conscious)]
    with keys.one_active_key():  # the data key looked up once, not once a period
        Front.objects.bulk_create(fronts, batch_size=500)
    fronting.objects.bulk_create(links, batch_size=500)
    co_conscious.objects.bulk_create(aware, batch_size=500)
    report.periods_added += len(fronts)
    for front in Front.objects.filter(client=client, ended_at__isnull=True,
                                      source_id__startswith=f"{source}:"):
        later = (Front.objects.filter(client=client, started_at__gt=front.started_at)
                 .order_by("started_at").values_list("started_at", flat=True).first())
        if later:
            front.ended_at = later
            front.save(update_fields=["ended_at"])
