"""The key store: wrapped data keys, in a database kept apart from the main one.

The main database holds ciphertext and a DataKey row naming a `handle`; the key store maps
handles to wrapped keys. Deleting a person's wrapped keys here (crypto-shredding) makes
every ciphertext of theirs unreadable, including copies inside old main-database backups.
"""

import uuid

from between.accounts.models import DataKey, WrappedKey
from between.lib import crypto

ALIAS = "keystore"


class Router:
    """WrappedKey lives in the key store and nothing else does."""

    def db_for_read(self, model, **hints):
        return ALIAS if model is WrappedKey else None

    db_for_write = db_for_read

    def allow_relation(self, obj1, obj2, **hints):
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        is_keystore_model = app_label == "accounts" and model_name == "wrappedkey"
        if db == ALIAS:
            return is_keystore_model
        return False if is_keystore_model else None


def put(owner_id: int, wrapped: bytes) -> uuid.UUID:
    handle = uuid.uuid4()
    WrappedKey.objects.create(handle=handle, owner_id=owner_id, wrapped=wrapped)
    return handle


def wrapped_key(row: DataKey) -> bytes:
    if row.handle is None:  # made before the key store; `between migrate` moves these
        if row.wrapped is None:
            raise crypto.DecryptionError(f"data key {row.pk} has no key material")
        return bytes(row.wrapped)
    stored = WrappedKey.objects.filter(handle=row.handle, owner_id=row.user_id).first()
    if stored is None:
        raise crypto.DecryptionError(f"data key {row.pk} is not in the key store (erased?)")
    return bytes(stored.wrapped)


def replace(row: DataKey, wrapped: bytes, master_key_id: str) -> None:
    """Re-wrap (master-key rotation): new material under the same handle."""
    if row.handle is None:
        row.handle = put(row.user_id, wrapped)
    else:
        WrappedKey.objects.filter(handle=row.handle).update(wrapped=wrapped)
    row.wrapped = None
    row.master_key_id = master_key_id
    row.save(update_fields=["handle", "wrapped", "master_key_id"])


def shred(owner_id: int) -> int:
    """Destroy every wrapped key of a person. Irreversible by design."""
    deleted, _ = WrappedKey.objects.filter(owner_id=owner_id).delete()
    return deleted


def adopt_legacy_keys() -> int:
    """Move keys still wrapped inside the main database into the key store."""
    moved = 0
    for row in DataKey.objects.filter(handle__isnull=True, wrapped__isnull=False):
        replace(row, bytes(row.wrapped), row.master_key_id)
        moved += 1
    return moved

