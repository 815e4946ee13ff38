"""Run inside Django (through Installation.django) for verify/idor.py.

`setup()` picks the demo client as the owner, gives them an unshared journal entry with a
canary, and makes the people who must never see their records: another client, a
clinician and an administrator of another clinic, and a clinician whose link with the
owner has ended. It prints, as JSON, every id of every row the owner owns (found from the
models, as the export finds them), words from those rows to look for in answers, and a
signed-in session for each person. `snapshot()` prints a digest of the owner's rows per
model, to compare before and after.
"""

import hashlib
import json
import re
import uuid

from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from between.accounts.models import Clinic, Role, User
from between.accounts.services import end_link, link_client, share_scopes
from between.journal.services import write_entry
from between.lib.fields import EncryptedTextField
from between.rights.records import owned_models, owner_field

OWNER = "client@demo.between"


def _session(user: User) -> str:
    http = Client()
    http.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = http.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return http.cookies[settings.SESSION_COOKIE_NAME].value


def _person(email: str, role: str, clinic: Clinic | None) -> User:
    user = User.objects.create_user(email=email, password=None, role=role,
                                    display_name=email.split("@")[0], clinic=clinic)
    if role != Role.CLIENT:
        TOTPDevice.objects.create(user=user, name="verify", confirmed=True)
    return user


def _rows(owner: User):
    for model in owned_models():
        field = owner_field(model)
        for obj in model.objects.filter(**{field.name: owner}):
            yield model, obj


def _ids(owner: User) -> dict:
    """Every id of every row the owner owns, by kind (whole number or UUID) and model."""
    ids = {"int": {"accounts.User": [str(owner.pk)]}, "uuid": {}}
    for model, obj in _rows(owner):
        kind = "uuid" if isinstance(obj.pk, uuid.UUID) else "int"
        ids[kind].setdefault(model._meta.label, []).append(str(obj.pk))
    return ids


def readers() -> None:
    """For verify/xss.py: the owner's ids, and sessions for the owner and their clinician,
    who between them see every page the owner's words appear on."""
    owner = User.objects.get(email=OWNER)
    clinician = User.objects.get(email="clinician@demo.between")
    print(json.dumps({"ids": _ids(owner), "session_cookie": settings.SESSION_COOKIE_NAME,
                      "sessions": {"the client": _session(owner),
                                   "their clinician": _session(clinician)}}))


def setup() -> None:
    owner = User.objects.get(email=OWNER)
    canary = f"verify-canary-{uuid.uuid4()}"
    write_entry(owner, body=f"{canary} a private entry, shared with nobody", shared=False)
    elsewhere = Clinic.objects.create(name=f"Verify Elsewhere {uuid.uuid4().hex[:6]}")
    revoked = _person("revoked@verify.between", Role.CLINICIAN, owner.clinic)
    link = link_client(owner, revoked)
    share_scopes(link, {"diary", "journal", "safety_plan", "measures"}, actor=owner)
    end_link(link, actor=owner)
    people = {
        "another client": User.objects.get(email="client2@demo.between"),
        "clinician elsewhere": _person("stranger@verify.between", Role.CLINICIAN, elsewhere),
        "administrator elsewhere": _person("admin@verify.between", Role.ADMIN, elsewhere),
        "clinician whose link ended": revoked,
    }
    words = {canary}
    for model, obj in _rows(owner):
        for f in model._meta.concrete_fields:
            value = getattr(obj, f.attname) if isinstance(f, EncryptedTextField) else None
            if isinstance(value, str) and len(value.strip()) >= 16 and "{" not in value:
                words.add(value.strip()[:32])
    print(json.dumps({"owner": owner.pk, "ids": _ids(owner), "words": sorted(words),
                      "sessions": {name: _session(u) for name, u in people.items()},
                      "session_cookie": settings.SESSION_COOKIE_NAME,
                      "csrf_cookie": settings.CSRF_COOKIE_NAME}))


def snapshot() -> None:
    owner = User.objects.get(email=OWNER)
    found = {}
    for model, obj in _rows(owner):
        values = [str(getattr(obj, f.attname)) for f in model._meta.concrete_fields
                  if f.attname not in ("updated_at", "last_seen", "last_used_at")]
        digest = hashlib.sha256("\x1f".join(values).encode()).hexdigest()
        found.setdefault(model._meta.label, []).append(f"{obj.pk}:{digest}")
    print(json.dumps({label: sorted(rows) for label, rows in found.items()}))


def routes(every_page: bool = False) -> None:
    """Every web route and API operation that takes an id, from the URL conf and the
    schema: new ones are tried without anyone listing them. With `every_page`, every web
    route instead, with or without an id."""
    from django.urls import URLPattern, URLResolver, get_resolver

    from between.api import api

    def walk(resolver, prefix=()):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, (*prefix, p.pattern))
            elif isinstance(p, URLPattern):
                yield (*prefix, p.pattern)

    found = []
    for patterns in walk(get_resolver()):
        text = "/" + "".join(str(p) for p in patterns)
        if text.startswith("/api/"):
            continue
        params = {}
        for p in patterns:
            for name, converter in getattr(p, "converters", {}).items():
                params[name] = type(converter).__name__
        path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", text)
        kinds = {n: "uuid" if "UUID" in c else "int" if c in ("IdConverter", "IntConverter")
                 else "str" for n, c in params.items()}
        if every_page and not text.startswith("/static/"):
            found.append({"methods": ["GET"], "path": path, "params": kinds})
        elif any(k in ("uuid", "int") for k in kinds.values()):
            found.append({"methods": ["GET", "POST"], "path": path, "params": kinds})
    if every_page:
        print(json.dumps(found))
        return
    for path, operations in api.get_openapi_schema()["paths"].items():
        for method, op in operations.items():
            kinds = {}
            for p in op.get("parameters", []):
                if p["in"] == "path":
                    s = p["schema"]
                    kinds[p["name"]] = ("uuid" if s.get("format") == "uuid" else
                                        "int" if s.get("type") == "integer" else "str")
            if any(k in ("uuid", "int") for k in kinds.values()):
                found.append({"methods": [method.upper()], "path": path, "params": kinds})
    print(json.dumps(found))
