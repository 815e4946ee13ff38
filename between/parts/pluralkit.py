"""PluralKit's export file (version 2), both ways.

PluralKit keeps members and switches: a switch is a moment from which a set of members
is at the front, until the next switch; a switch with no members means nobody is.
Between keeps front periods, so switches become periods, oldest first. Anything the file
holds that Between has nowhere to keep is counted and named, never dropped silently.
"""

import json
import re
import string
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from between.accounts.models import User
from between.lib.errors import FieldError
from between.parts import services
from between.parts.models import Front, Part

SOURCE = "pluralkit"
MAX_MEMBERS = 2_000
MAX_SWITCHES = 100_000

# Member fields Between keeps; the rest are named in the report.
KEPT = {"id", "uuid", "name", "display_name", "pronouns", "description", "color"}
# What a person would call the fields Between leaves behind.
LEFT_BEHIND = {
    "avatar_url": "profile pictures", "webhook_avatar_url": "profile pictures",
    "banner": "banner images", "birthday": "birthdays", "proxy_tags": "proxy tags",
    "privacy": "PluralKit privacy settings", "keep_proxy": "proxy settings",
    "autoproxy_enabled": "proxy settings", "tts": "text-to-speech settings",
    "message_count": "message counts", "last_message_timestamp": "message counts",
    "created": "when each member was added",
}
QUIET = {"created", "message_count", "last_message_timestamp", "webhook_avatar_url"}
# The system's own fields, beside its members, that Between has no place for.
SYSTEM_LEFT = {"name": "the system's name", "description": "the system's description",
               "tag": "the system tag", "pronouns": "the system's pronouns",
               "avatar_url": "the system's picture", "banner": "the system's banner",
               "groups": "groups"}


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


def _parse_time(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


def _text(value, limit: int) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def read(raw: bytes) -> dict:
    """The file's JSON, or a FieldError that says what is wrong with it."""
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise FieldError("file", "this isn't a PluralKit export: it isn't JSON.") from None
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        raise FieldError("file", "this JSON has no list of members, so it isn't a "
                                 "PluralKit export.")
    if data.get("version") not in (1, 2):
        raise FieldError("file", f"this is export version {data.get('version')!r}; "
                                 "Between reads versions 1 and 2.")
    if len(data["members"]) > MAX_MEMBERS or len(data.get("switches") or []) > MAX_SWITCHES:
        raise FieldError("file", "this export is larger than Between can read at once.")
    return data


@transaction.atomic
def import_export(client: User, data: dict) -> Report:
    """Add or update parts from the file's members, and front periods from its switches.

    1. Members are matched to parts imported before by their PluralKit id, so importing
       the same file twice changes nothing.
    2. Switches are read oldest first. Each opens a period that the next switch ends; an
       empty switch ends it with nobody fronting; the newest stays open.
    3. Switches already imported (same moment) are left as they are.
    """
    report = Report()
    report.system_not_kept = [words for key, words in SYSTEM_LEFT.items()
                              if data.get(key) not in (None, "", [], {})]
    known = {p.source_id: p for p in Part.objects.filter(client=client,
                                                         source_id__startswith=f"{SOURCE}:")}
    by_hid: dict[str, Part] = {}
    for member in data["members"]:
        if not isinstance(member, dict) or not isinstance(member.get("id"), str):
            report.problems.append("A member without an id was left out.")
            continue
        name = _text(member.get("display_name"), 100) or _text(member.get("name"), 100)
        if not name:
            report.problems.append(f"Member {member['id']} has no name and was left out.")
            continue
        left = {LEFT_BEHIND.get(key, f"“{key}”") for key, value in member.items()
                if key not in KEPT | QUIET and value not in (None, False, "", [], {})}
        if _text(member.get("display_name"), 100) and _text(member.get("name"), 100) != name:
            left.add("a second name (Between keeps the display name)")
        report.not_kept.update(left)
        source_id = f"{SOURCE}:{member['id']}"
        part = known.get(source_id)
        colour = member.get("color")
        colour = f"#{colour.lower()}" if isinstance(colour, str) and re.fullmatch(
            r"[0-9a-fA-F]{6}", colour) else ""
        kept = {"age_or_role": part.age_or_role or "", "emoji": part.emoji or "",
                "helps": part.helps or "", "private": part.private} if part else {}
        part = services.save_part(
            client, part=part, name=name, pronouns=_text(member.get("pronouns"), 200),
            colour=colour, description=_text(member.get("description"), 4000), **kept)
        if part.source_id != source_id:
            part.source_id = source_id
            part.save(update_fields=["source_id"])
            report.parts_added += 1
        else:
            report.parts_updated += 1
        report.risky = report.risky or part.risk_level in ("ideation", "urgent")
        by_hid[member["id"]] = part
    _switches(client, data.get("switches") or [], by_hid, report)
    return report


def _switches(client: User, switches: list, by_hid: dict, report: Report) -> None:
    moments = {}
    for switch in switches:
        at = _parse_time(switch.get("timestamp")) if isinstance(switch, dict) else None
        if at is None:
            report.problems.append("A switch without a readable time was left out.")
            continue
        if at in moments:
            report.problems.append(f"Two switches at {at:%d %b %Y %H:%M}: the later one in "
                                   "the file was kept.")
        moments[at] = switch.get("members") or []
    done = set(Front.objects.filter(client=client, source_id__startswith=f"{SOURCE}:")
               .values_list("source_id", flat=True))
    ordered = sorted(moments.items())
    unknown = 0
    for n, (at, hids) in enumerate(ordered):
        parts = [by_hid[h] for h in hids if h in by_hid]
        unknown += len(hids) - len(parts)
        if not parts:
            continue  # nobody fronting: the gap until the next switch
        source_id = f"{SOURCE}:{at.isoformat()}"
        if source_id in done:
            report.periods_skipped += 1
            continue
        until = ordered[n + 1][0] if n + 1 < len(ordered) else None
        front = Front.objects.create(client=client, kind=Front.Kind.FRONT, started_at=at,
                                     ended_at=until, source_id=source_id)
        front.fronting.set(parts)
        report.periods_added += 1
    if unknown:
        report.problems.append(f"Switches named a member who isn't in the file ({unknown} "
                               f"time{'s' if unknown != 1 else ''}); they were kept "
                               "without them.")
    # A period left open by the file ends where one already kept in Between begins.
    for front in Front.objects.filter(client=client, ended_at__isnull=True,
                                      source_id__startswith=f"{SOURCE}:"):
        later = (Front.objects.filter(client=client, started_at__gt=front.started_at)
                 .order_by("started_at").values_list("started_at", flat=True).first())
        if later:
            front.ended_at = later
            front.save(update_fields=["ended_at"])


def _hid(part: Part) -> str:
    if part.source_id.startswith(f"{SOURCE}:"):
        return part.source_id.split(":", 1)[1]
    # PluralKit's ids are letters; five from the part's own id keep each one stable.
    number = part.pk.int
    letters = []
    for _ in range(6):
        number, digit = divmod(number, 26)
        letters.append(string.ascii_lowercase[digit])
    return "".join(letters)


def export(client: User) -> dict:
    """The client's parts and front log as a PluralKit version 2 export. Lost time,
    co-conscious marks, statuses and notes have no place in it; Between's own export
    keeps them."""
    parts = list(Part.objects.filter(client=client))
    hids = {p.pk: _hid(p) for p in parts}
    members = [{"id": hids[p.pk], "name": p.shown_name(),
                "display_name": None, "pronouns": p.pronouns or None,
                "description": p.description or None,
                "color": p.colour.lstrip("#") or None,
                "created": p.created_at.isoformat()} for p in parts]
    switches = []
    fronts = (Front.objects.filter(client=client, kind=Front.Kind.FRONT)
              .prefetch_related("fronting").order_by("started_at"))
    last_end = None
    for front in fronts:
        if last_end and last_end < front.started_at:
            switches.append({"timestamp": _stamp(last_end), "members": []})
        switches.append({"timestamp": _stamp(front.started_at),
                         "members": [hids[p.pk] for p in front.fronting.all()]})
        last_end = front.ended_at
    if last_end and last_end <= timezone.now():
        switches.append({"timestamp": _stamp(last_end), "members": []})
    switches.reverse()  # PluralKit lists the newest first
    return {"version": 2, "id": None, "name": None, "members": members,
            "switches": switches}


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).isoformat().replace("+00:00", "Z")
