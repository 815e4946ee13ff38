"""PluralKit's export file (version 2), both ways.

PluralKit keeps members and switches: a switch is a moment from which a set of members
is at the front, until the next switch; a switch with no members means nobody is.
Between keeps front periods, so switches become periods, oldest first. Anything the file
holds that Between has nowhere to keep is counted and named, never dropped silently.
"""

import string

from django.db import transaction
from django.utils import timezone

from between.accounts import keys
from between.accounts.models import User
from between.lib.errors import FieldError
from between.parts import importing
from between.parts.importing import Period, Report, text
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


def read(raw: bytes) -> dict:
    """The file's JSON, or a FieldError that says what is wrong with it."""
    data = importing.load(raw, "PluralKit")
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
@keys.one_active_key()  # each value sealed with a key looked up once
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
    known = importing.known_parts(client, SOURCE)
    by_hid: dict[str, Part] = {}
    for member in data["members"]:
        if not isinstance(member, dict) or not isinstance(member.get("id"), str):
            report.problems.append("A member without an id was left out.")
            continue
        name = text(member.get("display_name"), 100) or text(member.get("name"), 100)
        if not name:
            report.problems.append(f"Member {member['id']} has no name and was left out.")
            continue
        left = {LEFT_BEHIND.get(key, f"“{key}”") for key, value in member.items()
                if key not in KEPT | QUIET and value not in (None, False, "", [], {})}
        if text(member.get("display_name"), 100) and text(member.get("name"), 100) != name:
            left.add("a second name (Between keeps the display name)")
        report.not_kept.update(left)
        by_hid[member["id"]] = importing.upsert_part(
            client, report, known, f"{SOURCE}:{member['id']}", name=name,
            pronouns=text(member.get("pronouns"), 200),
            description=text(member.get("description"), 4000),
            colour=importing.colour(member.get("color")))
    _switches(client, data.get("switches") or [], by_hid, report)
    return report


def _switches(client: User, switches: list, by_hid: dict, report: Report) -> None:
    moments = {}
    for switch in switches:
        at = importing.iso_time(switch.get("timestamp")) if isinstance(switch, dict) else None
        if at is None:
            report.problems.append("A switch without a readable time was left out.")
            continue
        if at in moments:
            report.problems.append(f"Two switches at {at:%d %b %Y %H:%M}: the later one in "
                                   "the file was kept.")
        members = switch.get("members")
        moments[at] = [h for h in members if isinstance(h, str)] if isinstance(
            members, list) else []
    ordered = sorted(moments.items())
    periods, unknown = [], 0
    for n, (at, hids) in enumerate(ordered):
        parts = [by_hid[h] for h in hids if h in by_hid]
        unknown += len(hids) - len(parts)
        if parts:  # an empty switch: nobody at the front until the next one
            until = ordered[n + 1][0] if n + 1 < len(ordered) else None
            periods.append(Period(at, until, parts))
    if unknown:
        report.problems.append(f"Switches named a member who isn't in the file ({unknown} "
                               f"time{'s' if unknown != 1 else ''}); they were kept "
                               "without them.")
    importing.add_periods(client, report, SOURCE, periods)


def _hid(part: Part) -> str:
    if part.source_id.startswith(f"{SOURCE}:"):
        return part.source_id.split(":", 1)[1]
    # PluralKit's ids are letters; six taken from the part's own id keep it stable.
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
                "display_name": None, "pronouns": p.text("pronouns") or None,
                "description": p.text("description") or None,
                "color": p.colour.lstrip("#") or None,
                "created": p.created_at.isoformat()} for p in parts]
    switches = []
    fronts = (Front.objects.filter(client=client, kind=Front.Kind.FRONT)
              .prefetch_related("fronting").order_by("started_at"))
    last_end = None
    for front in fronts:
        if last_end and last_end < front.started_at:
            switches.append({"timestamp": importing.stamp(last_end), "members": []})
        switches.append({"timestamp": importing.stamp(front.started_at),
                         "members": [hids[p.pk] for p in front.fronting.all()]})
        last_end = front.ended_at
    if last_end and last_end <= timezone.now():
        switches.append({"timestamp": importing.stamp(last_end), "members": []})
    switches.reverse()  # PluralKit lists the newest first
    return {"version": 2, "id": None, "name": None, "members": members,
            "switches": switches}
