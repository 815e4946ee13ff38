"""Everything a client owns, found from the models themselves, as plain JSON-ready data.

A model belongs to a client when it has a `client` foreign key to the user model (or, for
API tokens, `user`). New models are picked up without anyone remembering to add them here;
tests/rights/test_every_field.py fails if a free-text field is missing from the export.
"""

import datetime
import decimal
import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone

from between.lib.fields import EncryptedTextField, opened

FORMAT = "between-export"
VERSION = 1

# Records that can move to another installation as live records, parents before children.
# They name no one but the client. Everything else travels as an archive the client can read.
PORTABLE = [
    "diary.CardItem", "diary.DiarySettings", "diary.Card", "diary.CardRevision",
    "diary.Commitment", "diary.CardReminder", "journal.Entry", "safety.SafetyPlan",
    "safety.PlanVersion", "safety.CrisisEpisode", "skills.Worksheet", "skills.Practice",
    "skills.ProgrammeWeek", "skills.Reminder", "skills.ChainAnalysis", "accounts.Draft",
]
# Rows that are machinery, not the client's record: keys, prepared exports, this app's
# own bookkeeping. Archives are exported under "archive", not as records.
NOT_RECORDS = {"accounts.DataKey", "rights.Export", "rights.Archive"}
# Secrets and their digests are never exported, even the client's own.
# Secrets, and "uid": the identity a row's ciphertext is bound to, remade on import.
NEVER = {"digest", "handle", "wrapped", "password", "prefix", "key", "p256dh", "auth",
         "endpoint", "uid"}
YOU = "you"
UNREADABLE = None  # a value that could not be decrypted is exported as null


def owner_field(model) -> models.ForeignKey | None:
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    fields = {f.name: f for f in model._meta.concrete_fields}
    for name in ("client", "user"):
        field = fields.get(name)
        if field is not None and field.is_relation and field.related_model is user_model:
            return field
    return None


def owned_models() -> list:
    """Every model holding a client's records, portable ones first in dependency order."""
    found = [m for m in apps.get_models()
             if m.__module__.startswith("between.") and m._meta.label not in NOT_RECORDS
             and owner_field(m) is not None]
    order = {label: i for i, label in enumerate(PORTABLE)}
    return sorted(found, key=lambda m: (order.get(m._meta.label, len(order)), m._meta.label))


def exported_fields(model) -> list:
    return [f for f in model._meta.concrete_fields if f.name not in NEVER]


def _plain(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, (datetime.date, decimal.Decimal, uuid.UUID)):
        return str(value)
    return value


def row(obj, owner) -> dict:
    data = {}
    for field in exported_fields(type(obj)):
        if field.is_relation:
            ref = getattr(obj, field.attname)
            if ref is None:
                data[field.name] = None
            elif field.related_model is type(owner):
                data[field.name] = YOU if ref == owner.pk else str(getattr(obj, field.name))
            else:
                data[field.name] = str(ref)
        elif isinstance(field, EncryptedTextField):
            data[field.name] = opened(obj, field.attname)
        else:
            data[field.name] = _plain(field.value_from_object(obj))
    for field in type(obj)._meta.many_to_many:  # who was fronting: the ids of parts
        data[field.name] = [str(pk) for pk in getattr(obj, field.name).values_list(
            "pk", flat=True)]
    return data


def collect(owner) -> dict:
    """The whole export as one dict: account, records by model, access history, archives."""
    from between.audit.services import events_about
    from between.rights.models import Archive

    records = {}
    for model in owned_models():
        rows = model._base_manager.filter(**{owner_field(model).name: owner}).order_by("pk")
        records[model._meta.label] = [row(obj, owner) for obj in rows]
    seen = [{"at": e.at.isoformat(), "who": e.actor_label, "action": e.get_action_display(),
             "what": e.target, "detail": e.detail}
            for e in reversed(events_about(owner.pk))]
    archive = [{"imported_at": a.imported_at.isoformat(), **_loads(opened(a, "records"))}
               for a in Archive.objects.filter(client=owner).order_by("imported_at")]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {"email": owner.email, "display_name": owner.display_name,
                    "time_zone": owner.time_zone, "country": owner.country,
                    "date_joined": owner.date_joined.isoformat()},
        "records": records,
        "seen": seen,
        "archive": archive,
    }


def _loads(text: str | None) -> dict:
    import json

    return json.loads(text) if text else {"records": {}, "unreadable": True}


def count(owner) -> int:
    return sum(m._base_manager.filter(**{owner_field(m).name: owner}).count()
               for m in owned_models())


def schema() -> dict:
    """A JSON Schema (2020-12) of this version's export, made from the models."""
    def field_schema(field):
        if isinstance(field, EncryptedTextField):
            return {"type": ["string", "null"], "description": "Your words, decrypted; null "
                    "if they could not be opened."}
        if field.is_relation:
            target = field.related_model._meta.verbose_name
            return {"type": ["string", "null"], "description": f"Refers to {target}: '{YOU}' "
                    "for you, a name for someone else, or the id of another record."}
        kinds = {models.BooleanField: "boolean", models.JSONField: {},
                 models.IntegerField: "integer"}
        for cls, kind in kinds.items():
            if isinstance(field, cls):
                out = {"type": [kind, "null"]} if kind else {}
                break
        else:
            out = {"type": ["string", "null"]}
        if field.verbose_name:
            out["description"] = str(field.verbose_name)
        return out

    records = {}
    for model in owned_models():
        props = {f.name: field_schema(f) for f in exported_fields(model)}
        props |= {f.name: {"type": "array", "items": {"type": "string"},
                           "description": "The ids of "
                           f"{f.related_model._meta.verbose_name_plural} it refers to."}
                  for f in model._meta.many_to_many}
        records[model._meta.label] = {
            "type": "array",
            "description": str(model._meta.verbose_name_plural).capitalize()
            + (" (moves to another installation)" if model._meta.label in PORTABLE else ""),
            "items": {"type": "object", "properties": props,
                      "required": sorted(props), "additionalProperties": False},
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Between export, version {VERSION}",
        "type": "object",
        "required": ["format", "version", "exported_at", "account", "records", "seen",
                     "archive"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION},
            "exported_at": {"type": "string", "format": "date-time"},
            "account": {"type": "object"},
            "records": {"type": "object", "properties": records},
            "seen": {"type": "array", "description": "Who did what with your account, from "
                     "the audit log: when, who, what. Never what you wrote."},
            "archive": {"type": "array", "description": "Records brought from another "
                        "installation that name people who are not here."},
        },
    }
