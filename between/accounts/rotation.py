"""Key rotation: new data keys, re-encrypted values, keys re-wrapped by the current master;
and the check that every key still opens (after a restore, or a rotation)."""

import dataclasses
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from between.accounts import keys, keystore
from between.accounts.models import DataKey, WrappedKey
from between.audit.models import Action
from between.audit.services import record
from between.lib import crypto
from between.lib.fields import BOUND_PREFIX, PREFIX, EncryptedTextField, opened


@dataclass
class RotationResult:
    users: int = 0
    values: int = 0
    retired: int = 0
    rewrapped: int = 0


def encrypted_fields():
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def _rows_using(model, field, key_id: int):
    using = Q()
    for version in (PREFIX, BOUND_PREFIX):
        using |= Q(**{f"{field.attname}__startswith": f"{version}.{key_id}."})
    return model._base_manager.filter(using)


@transaction.atomic
def rotate_user(user_id: int) -> tuple[int, int]:
    """Re-encrypt one person's values under a fresh data key.

    1. Retire the active key and make a new one.
    2. Open every value sealed with any retired key and seal it again with the new key.
    3. Delete retired keys that no value uses any more.
    """
    old_ids = list(DataKey.objects.select_for_update().filter(user_id=user_id)
                   .values_list("pk", flat=True))
    DataKey.objects.filter(user_id=user_id, retired_at__isnull=True).update(
        retired_at=timezone.now())
    keys.create_data_key(user_id)
    values = 0
    for model, field in encrypted_fields():
        for old_id in old_ids:
            for row in _rows_using(model, field, old_id).iterator():
                plaintext = getattr(row, field.attname)  # opens with the old key
                sealed = field.seal(row, plaintext)
                model._base_manager.filter(pk=row.pk).update(**{field.attname: sealed})
                values += 1
    retired = 0
    for old_id in old_ids:
        if not any(_rows_using(m, f, old_id).exists() for m, f in encrypted_fields()):
            retired_key = DataKey.objects.get(pk=old_id)
            if retired_key.handle:
                WrappedKey.objects.filter(handle=retired_key.handle).delete()
            retired_key.delete()
            retired += 1
    return values, retired


def rotate_all() -> RotationResult:
    result = RotationResult()
    for user_id in DataKey.objects.values_list("user_id", flat=True).distinct():
        values, retired = rotate_user(user_id)
        result.users += 1
        result.values += values
        result.retired += retired
    master = crypto.current_master_key()
    for dk in DataKey.objects.exclude(master_key_id=master.key_id):
        raw = crypto.unwrap_key(keystore.wrapped_key(dk), dk.master_key_id, dk.user_id)
        keystore.replace(dk, crypto.wrap_key(raw, master, dk.user_id), master.key_id)
        result.rewrapped += 1
    record(Action.KEYS_ROTATED, detail={"users": result.users, "values": result.values})
    return result


@dataclass
class KeyCheck:
    keys: int = 0
    values: int = 0
    # (where, why) for each key or value that would not open: names and ids, never text.
    failures: list[tuple[str, str]] = dataclasses.field(default_factory=list)


def check_keys(per_field: int | None = 100) -> KeyCheck:
    """Unwrap every data key, then open the newest `per_field` values of every encrypted
    field (all of them with None). A restored backup is only proven once this passes:
    the database, the key store and the master key must belong together."""
    result = KeyCheck()
    keys.forget_cached_keys()  # from the key store now, not what this process remembers
    for dk in DataKey.objects.order_by("pk"):
        try:
            keys.data_key(dk.pk, dk.user_id, row=dk)
            result.keys += 1
        except (crypto.DecryptionError, crypto.MasterKeyError, LookupError) as e:
            result.failures.append((f"data key {dk.pk} (person {dk.user_id})",
                                    type(e).__name__))
    for model, enc in encrypted_fields():
        sealed = Q()
        for version in (PREFIX, BOUND_PREFIX):
            sealed |= Q(**{f"{enc.attname}__startswith": f"{version}."})
        rows = model._base_manager.filter(sealed).order_by("-pk")
        for row in rows[:per_field] if per_field is not None else rows.iterator():
            if opened(row, enc.attname) is None:
                result.failures.append((f"{model._meta.label}.{enc.name} row {row.pk}",
                                        "would not open"))
            else:
                result.values += 1
    return result
