"""Simply Plural's data export (the export.json it emailed), into Between.

Simply Plural closed in July 2026; its export is what people have left. The file holds
its database collections by name. Members become parts; custom fronts ("Blurry",
"Dissociated") become the status of the time they covered. Its front history has one row
per member, so co-fronting is rows that overlap; Between keeps periods with everyone who
was at the front, so the rows are cut where anyone arrived or left.
"""

from datetime import UTC, datetime

from django.db import transaction

from between.accounts import keys
from between.accounts.models import User
from between.lib.errors import FieldError
from between.parts import importing
from between.parts.importing import Period, Report, text

SOURCE = "simplyplural"
MAX_ROWS = 100_000

KEPT = {"_id", "id", "uid", "name", "desc", "pronouns", "color", "lastOperationTime"}
LEFT_BEHIND = {
    "avatarUrl": "profile pictures", "avatarUuid": "profile pictures",
    "info": "custom fields", "pkId": "links to PluralKit",
    "private": "Simply Plural privacy settings", "preventTrusted": "Simply Plural privacy "
    "settings", "buckets": "Simply Plural privacy settings",
    "preventsFrontNotifs": "front notification settings",
}
QUIET = {"supportDescMarkdown", "frame", "receiveMessageBoardNotifs", "archived",
         "archivedReason"}
# Collections that are not members or front history: named in the report if they hold
# anything, in words a person would use.
OTHER = {"groups": "groups", "notes": "notes", "polls": "polls", "chatMessages": "chat messages",
         "channels": "chat channels", "boardMessages": "board messages",
         "comments": "comments on fronts", "automatedTimers": "automated reminders",
         "repeatedTimers": "repeated reminders", "customFields": "custom field settings",
         "friends": "friends", "pendingFriendRequests": "friend requests"}
# What the file may hold that is about the account, not the system's data.
MACHINERY = {"members", "frontStatuses", "frontHistory", "users", "private", "tokens",
             "serverData", "events", "telemetry", "avatarExports", "subscriptions"}


def _when(value) -> datetime | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        return None
    try:
        return datetime.fromtimestamp(value / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _id(doc) -> str | None:
    value = doc.get("_id", doc.get("id")) if isinstance(doc, dict) else None
    if isinstance(value, dict):  # {"$oid": "..."} from a database dump
        value = value.get("$oid")
    return value if isinstance(value, str) and value else None


def read(raw: bytes) -> dict:
    data = importing.load(raw, "Simply Plural")
    if not isinstance(data, dict) or not isinstance(data.get("members"), list):
        raise FieldError("file", "this JSON has no list of members, so it isn't a Simply "
                                 "Plural export.")
    if not isinstance(data.get("frontHistory", []), list):
        raise FieldError("file", "its front history isn't a list, so it can't be read.")
    importing.check_size(data, MAX_ROWS)
    return data


@transaction.atomic
@keys.one_active_key()  # each value sealed with a key looked up once
def import_export(client: User, data: dict) -> Report:
    """Add or update parts from members, and front periods from the front history.

    1. Members are matched to parts imported before by their Simply Plural id.
    2. Every start and end in the history is a moment when who was at the front changed;
       between two such moments, everyone whose row covers it was there.
    3. A row still "live" runs to now, so the newest period stays open.
    4. Custom fronts are not parts: their names become the period's status, with any
       custom status someone wrote on their row.
    """
    report = Report()
    report.system_not_kept = [f"{words} ({len(data[key])})" for key, words in OTHER.items()
                              if isinstance(data.get(key), list) and data[key]]
    report.system_not_kept += [f"“{key}”" for key, value in data.items()
                               if key not in OTHER and key not in MACHINERY and value]
    known = importing.known_parts(client, SOURCE)
    parts = {}
    for member in data["members"]:
        ident = _id(member)
        name = text(member.get("name"), 100) if isinstance(member, dict) else ""
        if not ident or not name:
            report.problems.append("A member without an id or a name was left out.")
            continue
        report.not_kept.update({LEFT_BEHIND.get(k, f"“{k}”") for k, v in member.items()
                                if k not in KEPT | QUIET and v not in (None, False, "", [], {})})
        parts[ident] = importing.upsert_part(
            client, report, known, f"{SOURCE}:{ident}", name=name,
            pronouns=text(member.get("pronouns"), 200),
            description=text(member.get("desc"), 4000),
            colour=importing.colour(member.get("color")))
    customs = {_id(c): text(c.get("name"), 60) for c in data.get("frontStatuses") or []
               if isinstance(c, dict) and _id(c)}
    importing.add_periods(client, report, SOURCE,
                          _periods(data.get("frontHistory") or [], parts, customs, report))
    return report


def _periods(history: list, parts: dict, customs: dict, report: Report) -> list:
    rows, now, unknown, unreadable = [], datetime.now(UTC), 0, 0
    for row in history:
        if not isinstance(row, dict):
            unreadable += 1
            continue
        start, end = _when(row.get("startTime")), _when(row.get("endTime"))
        who = row.get("member")
        if start is None or (end is None and not row.get("live")) or (end and end <= start):
            unreadable += 1
            continue
        if who in parts and not row.get("custom"):
            rows.append((start, end, parts[who], None, text(row.get("customStatus"), 80)))
        elif who in customs:
            rows.append((start, end, None, customs[who], text(row.get("customStatus"), 80)))
        else:
            unknown += 1
    if unreadable:
        report.problems.append(f"{unreadable} front history row{'s' if unreadable != 1 else ''}"
                               " had no readable start or end and were left out.")
    if unknown:
        report.problems.append(f"{unknown} front history row{'s' if unknown != 1 else ''} "
                               "named someone who isn't in the file and were left out.")
    # One pass over starts and ends in time order; at the same moment an end comes
    # before a start, so a row that ends as another begins is a switch, not an overlap.
    events = sorted([(r[0], 1, n) for n, r in enumerate(rows)]
                    + [(r[1] or now, 0, n) for n, r in enumerate(rows)])
    active: dict[int, tuple] = {}
    periods, i = [], 0
    while i < len(events):
        start = events[i][0]
        while i < len(events) and events[i][0] == start:
            _, begins, n = events[i]
            if begins:
                active[n] = rows[n]
            else:
                active.pop(n, None)
            i += 1
        if i == len(events):
            break
        end, here = events[i][0], list(active.values())
        present = list(dict.fromkeys(r[2] for r in here if r[2]))
        status = "; ".join(dict.fromkeys(s for r in here for s in (r[3], r[4]) if s))
        if not present and not status:
            continue
        live = end == now and any(r[1] is None for r in here)
        last = periods[-1] if periods else None
        if last and last.end == start and (last.fronting, last.status) == (present, status):
            last.end = None if live else end
        else:
            periods.append(Period(start, None if live else end, present, status))
    return periods
