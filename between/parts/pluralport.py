"""The PluralPort draft format (formerly OpenPlural, draft v0.1, MIT), both ways.

It is the one format built for carrying a plural system between apps whole: members,
front periods with a role for each member in them (so co-conscious survives), front
events for switch-style apps, and namespaced `extensions` for what only one app has.
Between writes what it keeps that the format has no field for (emoji, what helps, which
details are private, rough times, lost time, periods with only a status) under
`extensions.between`, and reads it back, so a Between export comes back whole.
"""

import uuid

from django.db import transaction
from django.utils import timezone

from between.accounts import keys
from between.accounts.models import User
from between.lib.errors import FieldError
from between.parts import importing
from between.parts.importing import Period, Report, text
from between.parts.models import Front, Part

SOURCE = "pluralport"
VERSION = "0.1"
EXT = "between"
MAX_ROWS = 100_000

ROLES_AT_FRONT = {"primary", "co_front", "member", "influencing", "unknown", None}
MEMBER_LEFT = {"birthday": "birthdays", "avatar_asset_id": "profile pictures",
               "banner_asset_id": "banner images", "proxy_tags": "proxy tags",
               "display_name": "a second name (Between keeps one)",
               "privacy": "other apps' privacy settings"}
MEMBER_KEPT = {"id", "system_id", "name", "pronouns", "description", "age", "color",
               "created_at", "is_custom_front", "archived", "sort_order", "source_refs",
               "extensions"}
MODULES_LEFT = {"groups": "groups", "taxonomy_terms": "roles and tags",
                "custom_fields": "custom fields", "notes": "notes",
                "front_comments": "comments on fronts", "assets": "pictures and files",
                "chat": "chat", "boards": "boards", "relationships": "relationships",
                "polls": "polls", "reminders": "reminders", "habits": "habits"}


# --- Export ---------------------------------------------------------------------------

def export(client: User) -> dict:
    system = str(uuid.uuid5(uuid.NAMESPACE_URL, f"between:client:{client.pk}"))
    parts = list(Part.objects.filter(client=client))
    members = [{
        "id": str(p.pk), "system_id": system, "name": p.shown_name(),
        "pronouns": p.text("pronouns") or None, "description": p.text("description") or None,
        "age": p.text("age_or_role") or None, "color": p.colour or None,
        "created_at": importing.stamp(p.created_at), "is_custom_front": False, "archived": False,
        "source_refs": _refs(p.source_id, "members"),
        "extensions": {EXT: {"emoji": p.shown_emoji(), "helps": p.text("helps") or "",
                             "private": p.private}},
    } for p in parts]
    periods, others = [], []
    for front in (Front.objects.filter(client=client).order_by("started_at")
                  .prefetch_related("fronting", "co_conscious")):
        roles = ([{"member_id": str(p.pk), "front_role": "member"}
                  for p in front.fronting.all()]
                 + [{"member_id": str(p.pk), "front_role": "co_conscious"}
                    for p in front.co_conscious.all()])
        row = {"id": str(front.pk), "system_id": system,
               "started_at": importing.stamp(front.started_at),
               "ended_at": importing.stamp(front.ended_at),
               "assignments": roles, "status": front.text("status") or None,
               "note": front.text("note") or None, "source_kind": "grouped",
               "source_refs": _refs(front.source_id, "front_periods"),
               "extensions": {EXT: {"approximate": front.approximate,
                                    "kind": front.kind}}}
        # A period needs someone in it; lost time and a status alone wait in extensions.
        (periods if front.kind == Front.Kind.FRONT and roles else others).append(row)
    warnings = [{"level": "info", "code": "preserved_in_extensions", "record_type":
                 "front_periods", "count": len(others), "message": "Lost time, and times "
                 "logged with only a word for how it was, are under extensions.between."}
                ] if others else []
    return {
        "openplural_version": VERSION, "exported_at": importing.stamp(timezone.now()),
        "producer": {"app": "Between", "exporter_version": VERSION},
        "capabilities": {"modules": ["systems", "members", "front_periods"]},
        "systems": [{"id": system, "name": "My system", "archived": False}],
        "members": members, "groups": [], "group_memberships": [], "taxonomy_terms": [],
        "taxonomy_assignments": [], "custom_fields": [], "custom_field_values": [],
        "front_periods": periods, "front_events": [], "front_comments": [], "notes": [],
        "assets": [], "chat": None, "extensions": {EXT: {"other_periods": others}},
        "warnings": warnings,
    }


def _refs(source_id: str, collection: str) -> list[dict]:
    app, _, ident = source_id.partition(":")
    names = {"pluralkit": "pluralkit", "simplyplural": "simply_plural"}
    return [{"app": names[app], "collection": collection, "id": ident}] if app in names else []


# --- Import ---------------------------------------------------------------------------

def read(raw: bytes) -> dict:
    data = importing.load(raw, "PluralPort")
    if not isinstance(data, dict) or "openplural_version" not in data:
        raise FieldError("file", "this JSON has no openplural_version, so it isn't a "
                                 "PluralPort file.")
    if not isinstance(data.get("members", []), list) or not isinstance(
            data.get("front_periods", []), list):
        raise FieldError("file", "its members or front periods aren't lists.")
    importing.check_size(data, MAX_ROWS)
    return data


@transaction.atomic
@keys.one_active_key()  # each value sealed with a key looked up once
def import_export(client: User, data: dict) -> Report:
    """Members become parts (custom fronts become statuses); front periods keep who was
    at the front and who was co-conscious; front events, from switch-style apps, become
    periods as PluralKit's switches do. Between's own extensions come back as they were."""
    report = Report()
    report.system_not_kept = [f"{words} ({len(data[key])})" for key, words
                              in MODULES_LEFT.items()
                              if isinstance(data.get(key), list) and data[key]]
    report.system_not_kept += [words for key, words in MODULES_LEFT.items()
                               if isinstance(data.get(key), dict) and data[key]]
    for warning in data.get("warnings") or []:
        if isinstance(warning, dict) and warning.get("code") != "preserved_in_extensions":
            report.problems.append(f"The file says: {text(warning.get('message'), 300)}")
    parts, customs = _members(client, data.get("members") or [], report)
    periods = [p for row in data.get("front_periods") or []
               if (p := _period(row, parts, customs, report))]
    periods += _events(data.get("front_events") or [], parts, report)
    others = ((data.get("extensions") or {}).get(EXT) or {}).get("other_periods") or []
    periods += [p for row in others if (p := _period(row, parts, customs, report, True))]
    importing.add_periods(client, report, SOURCE, periods)
    return report


def _members(client: User, members: list, report: Report) -> tuple[dict, dict]:
    known = importing.known_parts(client, SOURCE)
    parts, customs = {}, {}
    for member in members:
        ident = member.get("id") if isinstance(member, dict) else None
        name = (text(member.get("name"), 100) or text(member.get("display_name"), 100)
                if isinstance(member, dict) else "")
        if not isinstance(ident, str) or not name:
            report.problems.append("A member without an id or a name was left out.")
            continue
        if member.get("is_custom_front"):
            customs[ident] = name[:60]
            continue
        ours = (member.get("extensions") or {}).get(EXT) or {}
        report.not_kept.update({MEMBER_LEFT.get(k, f"“{k}”") for k, v in member.items()
                                if k not in MEMBER_KEPT and v not in (None, False, "", [], {})
                                and not (k == "display_name" and v == name)})
        others = {k for k in (member.get("extensions") or {}) if k != EXT}
        report.not_kept.update(f"what only {app} keeps" for app in others)
        parts[ident] = importing.upsert_part(
            client, report, known, f"{SOURCE}:{ident}", name=name,
            pronouns=text(member.get("pronouns"), 200),
            description=text(member.get("description"), 4000),
            colour=importing.colour(member.get("color")))
        extra = {"age_or_role": text(member.get("age"), 200),
                 "emoji": text(ours.get("emoji"), 16), "helps": text(ours.get("helps"), 4000)}
        private = [p for p in ours.get("private") or [] if isinstance(p, str)]
        if any(extra.values()) or private:
            importing.refine_part(client, report, parts[ident], private=private, **extra)
    return parts, customs


def _period(row, parts: dict, customs: dict, report: Report, ours=False) -> Period | None:
    start = importing.iso_time(row.get("started_at")) if isinstance(row, dict) else None
    end = importing.iso_time(row.get("ended_at")) if isinstance(row, dict) else None
    if start is None or (end is not None and end <= start):
        report.problems.append("A front period without a readable start, or ending before "
                               "it began, was left out.")
        return None
    fronting, aware, statuses = [], [], [text(row.get("status"), 120)]
    for a in row.get("assignments") or []:
        who = a.get("member_id") if isinstance(a, dict) else None
        if who in customs:
            statuses.append(customs[who])
        elif who not in parts:
            report.problems.append("A front period named a member who isn't in the file; "
                                   "it was kept without them.")
        elif a.get("front_role") == "co_conscious":
            aware.append(parts[who])
        elif a.get("front_role") in ROLES_AT_FRONT:
            fronting.append(parts[who])
        else:
            statuses.append(text(a.get("front_role"), 40))
            fronting.append(parts[who])
    extra = (row.get("extensions") or {}).get(EXT) or {}
    kind = Front.Kind.LOST if ours and extra.get("kind") == Front.Kind.LOST else Front.Kind.FRONT
    return Period(start, end, list(dict.fromkeys(fronting)),
                  "; ".join(dict.fromkeys(s for s in statuses if s)),
                  list(dict.fromkeys(aware)), kind, text(row.get("note"), 4000),
                  bool(extra.get("approximate")), key=text(row.get("id"), 60))


def _events(events: list, parts: dict, report: Report) -> list[Period]:
    moments = sorted((at, e) for e in events if isinstance(e, dict)
                     and (at := importing.iso_time(e.get("at"))))
    periods = []
    for n, (at, event) in enumerate(moments):
        who = [parts[a["member_id"]] for a in event.get("assignments") or []
               if isinstance(a, dict) and a.get("member_id") in parts]
        if who:
            until = moments[n + 1][0] if n + 1 < len(moments) else None
            periods.append(Period(at, until, who, key=f"event-{text(event.get('id'), 50)}"))
    if len(moments) < len(events):
        report.problems.append("Front events without a readable time were left out.")
    return periods
