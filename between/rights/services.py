"""Data rights, one function per action: export, delete a piece, close, erase, import."""

import base64
import io
import json
import zipfile
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from between.accounts import keys, keystore
from between.accounts.models import Role, User
from between.audit.models import Action
from between.audit.services import record
from between.lib.spreadsheet import SafeWriter
from between.measures import fhir
from between.rights import records
from between.rights.models import Archive, Export
from between.risk.services import about

# Up to this many records, an export is built while the person waits; above it,
# `between runjobs` builds it and a content-free email says it is ready.
BUILD_NOW_LIMIT = 3000
OFFERED_FOR = timedelta(hours=24)
GRACE = timedelta(days=7)
MAX_IMPORT_BYTES = 50_000_000


# --- Export ---------------------------------------------------------------------------

# What people look for first; everything else follows in the models' order.
FIRST = ["journal.Entry", "safety.PlanVersion"]
# What each kind of record is called on the page, in the client's words.
TITLES = {
    "journal.Entry": "Journal entries",
    "circles.Member": "Your places in circles, and the names you go by there",
    "circles.Post": "What you posted in circles",
    "circles.Reaction": "Kind words you left on circle posts",
    "circles.Report": "Circle posts you asked a moderator to look at",
    "parts.Part": "Parts",
    "parts.Front": "Front log and lost time",
    "safety.PlanVersion": "Your safety plan, every version",
    "diary.CardItem": "Diary card items",
    "diary.DiarySettings": "Diary card settings",
    "diary.Card": "Diary cards",
    "diary.CardRevision": "Earlier versions of diary cards",
    "diary.Commitment": "Commitments",
    "diary.CardReminder": "Daily reminder",
    "diary.ItemProposal": "Diary card items your clinician suggested",
    "safety.SafetyPlan": "Safety plan",
    "safety.Suggestion": "Safety plan suggestions from your clinician",
    "safety.CrisisEpisode": "Crisis-mode notes",
    "skills.Worksheet": "Worksheets",
    "skills.Practice": "Skills practice",
    "skills.ProgrammeWeek": "Skills programme weeks done",
    "skills.Reminder": "Practice reminder",
    "skills.ChainAnalysis": "Chain analyses",
    "accounts.Draft": "Unsaved drafts",
    "accounts.AccessToken": "API tokens",
    "accounts.PushDevice": "Devices that show reminders",
    "accounts.CareLink": "Sharing with your care team",
    "accounts.ContactDetails": "The phone number your care team sees",
    "care.Message": "Messages",
    "care.Reply": "Replies from your care team",
    "care.AgendaItem": "Things to bring to a session",
    "care.CoverChoice": "Where your messages go while a clinician is away",
    "care.CalendarFeed": "Your calendar link (when it was made)",
    "care.CheckIn": "Weekly check-ins",
    "care.TherapySession": "Sessions",
    "care.SessionChange": "How your sessions were moved, cancelled or held",
    "care.SessionFeedback": "Session feedback",
    "care.RepairNote": "Notes after sessions",
    "care.ClinicalNote": "Your clinicians' own notes about you",
    "care.Flag": "When Between let your care team know",
    "care.FlagEvent": "What your care team did about it, and their notes",
    "clinic.Handover": "When your clinic suggested a change to your care team",
    "care.UrgentAlert": "When Between told your clinic's out-of-hours contact",
    "care.ContactPolicy": "Your clinicians' contact times",
    "care.Invitation": "Invitations",
    "measures.Assignment": "Questionnaires a clinician asked you to fill in",
    "measures.Response": "Questionnaire answers and scores",
    "summary.Summary": "Notes for an appointment",
}
# Shown nowhere on the page: ids and "you" add nothing a person can read.
UNSHOWN = {"id", "client", "user"}


def readable(data: dict) -> list[dict]:
    """The export as sections a person can read: a title, and rows of (label, text)."""
    order = {label: i for i, label in enumerate(FIRST)}
    models = sorted(records.owned_models(), key=lambda m: order.get(m._meta.label, len(order)))
    sections = []
    for model in models:
        rows = data["records"].get(model._meta.label, [])
        if rows:
            labels = {f.name: str(f.verbose_name).capitalize()
                      for f in records.exported_fields(model)}
            title = TITLES.get(model._meta.label,
                               str(model._meta.verbose_name_plural).capitalize())
            sections.append(_section(title, model._meta.label, rows, labels,
                                     is_open=model._meta.label in FIRST))
    for n, archive in enumerate(data["archive"], start=1):
        for label, rows in archive.get("records", {}).items():
            if rows:
                sections.append(_section(f"{TITLES.get(label, label)}, brought from "
                                         "another Between", f"archive-{n}-{label}", rows, {}))
    return sections


def _section(title: str, label: str, rows: list[dict], labels: dict, is_open=False) -> dict:
    shown = [[(labels.get(k, k.replace("_", " ").capitalize()), _display(v))
              for k, v in r.items() if k not in UNSHOWN and _display(v)
              and not (k == "risk_level" and v == "none")] for r in rows]
    return {"title": title, "anchor": label.replace(".", "-").lower(), "rows": shown,
            "open": is_open}


def _display(value) -> str:
    """A value as a person would write it: no JSON brackets, no ISO 'T'. Every word the
    person wrote shows, even a bare "none"."""
    if value is None or value in ("", [], {}):
        return ""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return _display(json.loads(value))
        except ValueError:
            return value
    if isinstance(value, dict):
        parts = [f"{str(k).replace('_', ' ')}: {_display(v)}" for k, v in value.items()
                 if _display(v)]
        return "\n".join(parts)
    if isinstance(value, list):
        return "; ".join(_display(v) for v in value if _display(v))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) >= 19 and value[10:11] == "T" and value[:4].isdigit():
        return value[:16].replace("T", " ")
    return str(value)


def build_zip(owner: User) -> bytes:
    """export.json, schema.json, everything.html and a CSV per kind of record."""
    data = records.collect(owner)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("export.json", json.dumps(data, ensure_ascii=False, indent=1))
        z.writestr("schema.json", json.dumps(records.schema(), indent=1))
        z.writestr("everything.html", render_to_string("rights/everything_file.html", {
            "data": data, "sections": readable(data)}))
        z.writestr("README.txt", render_to_string("rights/export_readme.txt", {
            "version": records.VERSION}))
        for label, rows in data["records"].items():
            if rows:
                z.writestr(f"csv/{label.replace('.', '_').lower()}.csv", _csv(rows))
        if data["seen"]:
            z.writestr("csv/who_has_seen_my_data.csv", _csv(data["seen"]))
        if data["records"].get("measures.Response"):
            z.writestr("fhir/questionnaires.json", json.dumps(
                fhir.bundle(owner, with_name=True), ensure_ascii=False, indent=1))
    return buffer.getvalue()


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = SafeWriter(out)
    writer.writerow(list(rows[0]))
    for r in rows:
        writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else
                         ("" if v is None else v) for v in r.values()])
    return out.getvalue()


def request_export(owner: User) -> Export:
    """Start an export: built now if small, else queued for runjobs. One at a time."""
    Export.objects.filter(client=owner, ready_at__isnull=False).delete()  # superseded
    waiting = Export.objects.filter(client=owner, ready_at__isnull=True).first()
    if waiting:
        return waiting
    export = Export.objects.create(client=owner)
    record(Action.EXPORT_REQUESTED, actor=owner, subject=owner)
    if records.count(owner) <= BUILD_NOW_LIMIT:
        _fill(export)
    return export


def _fill(export: Export) -> None:
    data = build_zip(export.client)
    export.archive = base64.b64encode(data).decode()
    export.size = len(data)
    export.ready_at = timezone.now()
    export.expires_at = export.ready_at + OFFERED_FOR
    export.save()


def build_waiting_exports(now=None) -> int:
    """runjobs: build queued exports and say, without content, that they are ready."""
    from between.care.models import OutboundEmail

    built = 0
    for export in Export.objects.filter(ready_at__isnull=True).select_related("client"):
        _fill(export)
        OutboundEmail.queue(
            to=export.client.email, subject="Your Between export is ready",
            text="The copy of your data you asked for is ready. Sign in to Between and open "
                 "Settings, then Your data, to download it. It can be downloaded once, in the "
                 "next 24 hours.")
        built += 1
    return built


def take_download(owner: User, export_id) -> bytes | None:
    """The ZIP, once. Emptied as it is handed over."""
    with transaction.atomic():
        export = (Export.objects.select_for_update()
                  .filter(pk=export_id, client=owner, archive__isnull=False).first())
        if export is None or not export.is_offered:
            return None
        data = base64.b64decode(export.archive)
        export.archive = None
        export.downloaded_at = timezone.now()
        export.save(update_fields=["archive", "downloaded_at"])
    record(Action.EXPORTED, actor=owner, subject=owner)
    return data


def expire_exports(now=None) -> int:
    now = now or timezone.now()
    return Export.objects.filter(Q(expires_at__lte=now) | Q(downloaded_at__isnull=False)) \
        .exclude(archive__isnull=True).update(archive=None)


# --- Deleting a piece -----------------------------------------------------------------

def delete_piece(owner: User, obj, kind: str) -> None:
    """Delete one thing for real. The audit log says a `kind` was deleted, never what."""
    from between.care.models import Flag

    source = about(obj)
    with transaction.atomic():
        obj.delete()
        # A flag made from these words keeps the fact, not the words.
        Flag.objects.filter(client=owner, about=source).update(excerpt=None,
                                                              about=Flag.WORDS_DELETED)
        record(Action.DELETED, actor=owner, subject=owner, target=kind)


# --- Closing an account and erasure ---------------------------------------------------

def close_account(owner: User) -> None:
    """Ask for erasure after a grace period. Other sessions and API tokens end now."""
    from between.accounts.services import sign_out_everywhere
    from between.care.models import OutboundEmail

    if owner.erase_after is None:
        owner.erase_after = timezone.now() + GRACE
        owner.save(update_fields=["erase_after"])
        # If someone else did this with their password, this is how they find out in time.
        OutboundEmail.queue(
            to=owner.email, subject="Your Between account is set to close",
            text=f"Your Between account is set to close on {_local(owner):%A %-d %B}. "
                 "Until then nothing is deleted. If you didn't ask for this, or have changed "
                 "your mind, sign in and choose \"Keep my account\", then change your "
                 "password.")
    sign_out_everywhere(owner, actor=owner)  # the view keeps this session
    record(Action.CLOSE_REQUESTED, actor=owner, subject=owner,
           detail={"erase_after": owner.erase_after.isoformat()})


def _local(owner: User):
    from zoneinfo import ZoneInfo

    return owner.erase_after.astimezone(ZoneInfo(owner.time_zone or "UTC"))


def retention_notes(owner: User) -> list[tuple[str, str]]:
    """(clinic, what it keeps) for the client's own clinic and their care team's clinics."""
    from between.accounts.models import CareLink, Clinic

    clinic_ids = set(CareLink.objects.active().filter(client=owner)
                     .values_list("clinician__clinic_id", flat=True))
    clinic_ids.add(owner.clinic_id)
    return [(c.name, c.retention_note) for c in
            Clinic.objects.filter(pk__in=clinic_ids).exclude(retention_note="").order_by("name")]


def cancel_closure(owner: User) -> bool:
    if owner.erase_after is None:
        return False
    owner.erase_after = None
    owner.save(update_fields=["erase_after"])
    record(Action.CLOSE_CANCELLED, actor=owner, subject=owner)
    return True


def erase(owner: User, *, by: str, actor: User | None = None, reason: str = "") -> None:
    """Erase a client for good.

    1. Destroy their data keys in the key store (crypto-shredding): every ciphertext of
       theirs, here and in any main-database backup, is unreadable from this moment.
    2. Delete every row of theirs: their records cascade from the user row; sessions,
       sign-in attempts, invitations and unsent email to them go too.
    3. Record that it happened: `by` whom (the client, an admin, an operator), never what
       was there.
    """
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    from between.care.models import Invitation, OutboundEmail

    user_id, email = owner.pk, owner.email
    keystore.shred(user_id)
    keys.forget_cached_keys()
    with transaction.atomic():
        for session in Session.objects.iterator():
            if str(session.get_decoded().get("_auth_user_id")) == str(user_id):
                session.delete()
        for model in (AccessAttempt, AccessLog, AccessFailureLog):
            model.objects.filter(username__iexact=email).delete()
        Invitation.objects.filter(Q(client_id=user_id) | Q(email__iexact=email)).delete()
        OutboundEmail.objects.filter(to__iexact=email).delete()
        owner.delete()
        record(Action.ACCOUNT_ERASED, actor=actor, subject=user_id,
               detail={"by": by, "reason": reason[:200]})


def erase_due(now=None) -> int:
    """runjobs: erase every account whose grace period has passed."""
    now = now or timezone.now()
    erased = 0
    for client in User.objects.filter(erase_after__lte=now, role=Role.CLIENT):
        erase(client, by="client, after the grace period")
        erased += 1
    return erased


# --- Import ---------------------------------------------------------------------------

class ImportError_(ValueError):
    """The file is not a Between export this installation can read. Message names why."""


def read_export(upload: bytes) -> dict:
    try:
        with zipfile.ZipFile(io.BytesIO(upload)) as z:
            data = json.loads(z.read("export.json"))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ImportError_("This isn't a Between export: it should be the ZIP file Between "
                           "made, with export.json inside.") from exc
    if data.get("format") != records.FORMAT or not isinstance(data.get("records"), dict):
        raise ImportError_("This isn't a Between export.")
    if data.get("version") != records.VERSION:
        raise ImportError_(f"This export is version {data.get('version')}; this Between "
                           f"reads version {records.VERSION}.")
    return data


@transaction.atomic
def import_export(owner: User, data: dict) -> dict:
    """Bring an export into this account. Portable records become live records (under this
    account's key); the rest become an archive only the client can read. Returns counts."""
    from django.apps import apps

    ids: dict[str, dict[str, object]] = {}
    added, kept = 0, 0
    for label in records.PORTABLE:
        model = apps.get_model(label)
        for source in data["records"].get(label, []):
            obj = _build(model, source, owner, ids)
            if obj is None:
                kept += 1
                continue
            try:
                with transaction.atomic():
                    obj.save(force_insert=True)
            except IntegrityError:
                existing = _existing(model, obj, owner)
                if existing is not None:
                    ids.setdefault(label, {})[str(source["id"])] = existing.pk
                kept += 1
                continue
            _restore_times(model, obj, source)
            ids.setdefault(label, {})[str(source["id"])] = obj.pk
            added += 1
    rest = {label: rows for label, rows in data["records"].items()
            if label not in records.PORTABLE and rows}
    earlier = [a.get("records", {}) for a in data.get("archive", [])]
    archived = sum(len(r) for r in rest.values())
    if rest or earlier:
        archive = Archive(client=owner)
        archive.records = json.dumps({"exported_at": data.get("exported_at"),
                                      "records": _merge(earlier + [rest])}, ensure_ascii=False)
        archive.save()
    record(Action.IMPORTED, actor=owner, subject=owner,
           detail={"added": added, "kept": kept, "archived": archived})
    return {"added": added, "kept": kept, "archived": archived}


def _merge(parts: list[dict]) -> dict:
    merged: dict[str, list] = {}
    for part in parts:
        for label, rows in part.items():
            merged.setdefault(label, []).extend(rows)
    return merged


def _build(model, source: dict, owner: User, ids: dict):
    obj = model()
    for field in records.exported_fields(model):
        if field.primary_key or field.name not in source:
            continue
        value = source[field.name]
        if field.is_relation:
            if field.related_model is User:
                value = owner.pk if value == records.YOU else None
            elif value is not None:
                value = ids.get(field.related_model._meta.label, {}).get(str(value))
            if value is None and not field.null:
                return None  # its parent did not come across
            setattr(obj, field.attname, value)
            continue
        if value is None and not field.null and not isinstance(field, _encrypted()):
            continue  # the model's default fills it
        setattr(obj, field.attname, field.to_python(value) if value is not None else None)
    return obj


def _encrypted():
    from between.lib.fields import EncryptedTextField

    return EncryptedTextField


def _existing(model, obj, owner):
    """The row already here that a unique rule says is the same one."""
    for constraint in model._meta.constraints:
        fields = getattr(constraint, "fields", ())
        if fields:
            found = model._base_manager.filter(
                **{model._meta.get_field(f).attname: getattr(obj, model._meta.get_field(f).attname)
                   for f in fields}).first()
            if found:
                return found
    for field in model._meta.concrete_fields:
        if field.unique and not field.primary_key:
            found = model._base_manager.filter(**{field.attname: getattr(obj, field.attname)}) \
                .first()
            if found:
                return found
    return None


def _restore_times(model, obj, source: dict) -> None:
    """auto_now fields were set to now by save(); put back when things really happened."""
    times = {f.attname: f.to_python(source[f.name]) for f in model._meta.concrete_fields
             if (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
             and source.get(f.name)}
    if times:
        model._base_manager.filter(pk=obj.pk).update(**times)


def content(data: dict) -> dict:
    """What an export says, without ids or the moment it was made: for comparing two."""
    def strip(rows):
        return sorted(json.dumps({k: v for k, v in r.items() if k not in _NOT_CONTENT},
                                 sort_keys=True, ensure_ascii=False) for r in rows)

    merged = _merge([data["records"]] + [a.get("records", {}) for a in data["archive"]])
    return {label: strip(rows) for label, rows in merged.items() if rows}


# Ids are renumbered on import and references follow them; person references to anyone
# but "you" are not carried into live records (that person is not at the new place).
_NOT_CONTENT = {"id", "card", "item", "plan", "worksheet", "session", "digest", "created_by",
                "written_by"}
