"""Run inside Django (through Installation.django) for verify/tamper.py.

Someone with the database but not the keys changes stored ciphertext in place: flips a
bit, cuts it short, moves a value to another row, another column or another client's row.
Every read of a changed value must fail with a clear error, never return other words.
Everything is rolled back afterwards.
"""

import base64
import json
import random

from django.db import connection, transaction

from between.accounts.models import User
from between.journal.models import Entry
from between.journal.services import write_entry
from between.lib.crypto import DecryptionError
from between.lib.fields import EncryptedTextField
from between.rights.records import owned_models, owner_field


def _stored(owner: User) -> list[tuple]:
    """(model, field, pk, raw) for every encrypted value the owner has."""
    found = []
    for model in owned_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if not fields:
            continue
        rows = model.objects.filter(**{owner_field(model).name: owner}).values_list(
            "pk", *[f.attname for f in fields])
        for pk, *values in rows:
            found += [(model, f, pk, raw) for f, raw in zip(fields, values, strict=True)
                      if raw]
    return found


def _write(model, field, pk, raw: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{model._meta.db_table}" SET "{field.column}" = %s '  # noqa: S608
                       f'WHERE "{model._meta.pk.column}" = %s',
                       [raw, model._meta.pk.get_db_prep_value(pk, connection)])


def _read(model, field, pk) -> str:
    return getattr(model.objects.get(pk=pk), field.attname)


def _flip(raw: str, rng: random.Random) -> str:
    version, key_id, token = raw.split(".", 2)
    blob = bytearray(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    blob[rng.randrange(len(blob))] ^= 1 << rng.randrange(8)
    return f"{version}.{key_id}.{base64.urlsafe_b64encode(bytes(blob)).decode()}"


def run(limit: int) -> None:
    owner = User.objects.get(email="client@demo.between")
    other = User.objects.get(email="client2@demo.between")
    rng = random.Random(3)
    mine, theirs = _stored(owner), _stored(other)
    if not theirs:  # the second demo client may have written nothing yet
        write_entry(other, body="someone else's words", shared=False)
        theirs = _stored(other)
    kinds = {
        "a bit flipped": lambda m, f, pk, raw: _flip(raw, rng),
        "cut short": lambda m, f, pk, raw: raw[: max(len(raw) // 2, 8)],
        "from another row": lambda m, f, pk, raw: next(
            (r for mm, ff, p, r in mine if mm is m and ff is f and p != pk), None),
        "from another column": lambda m, f, pk, raw: next(
            (r for mm, ff, p, r in mine if ff is not f), None),
        "from another client": lambda m, f, pk, raw: rng.choice(theirs)[3],
    }
    results = {}
    with transaction.atomic():
        for kind, change in kinds.items():
            tried = refused = wrong = 0
            for model, field, pk, raw in rng.sample(mine, min(limit, len(mine))):
                changed = change(model, field, pk, raw)
                if changed is None or changed == raw:
                    continue
                original = _read(model, field, pk)
                _write(model, field, pk, changed)
                tried += 1
                try:
                    got = _read(model, field, pk)
                except DecryptionError:
                    refused += 1
                else:
                    wrong += got != original
                _write(model, field, pk, raw)
            results[kind] = {"tried": tried, "refused": refused, "wrong": wrong}

        # An earlier version of the same value, put back (as from an old backup).
        entry = Entry.objects.filter(client=owner).first()
        old = Entry.objects.filter(pk=entry.pk).values_list("body", flat=True).get()
        write_entry(owner, entry=entry, body="written later", shared=entry.shared)
        _write(Entry, Entry._meta.get_field("body"), entry.pk, old)
        try:
            _read(Entry, Entry._meta.get_field("body"), entry.pk)
            results["an older version of the same value"] = {"tried": 1, "refused": 0}
        except DecryptionError:
            results["an older version of the same value"] = {"tried": 1, "refused": 1}
        transaction.set_rollback(True)
    print(json.dumps(results))
