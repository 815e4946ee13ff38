"""Per-client data keys: find the active one, unwrap any, cache the unwrapped bytes."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import IntegrityError, transaction

from between.accounts import keystore
from between.accounts.models import DataKey
from between.lib import crypto

_cache: dict[tuple[int, int], bytes] = {}
_CACHE_LIMIT = 5000
# Inside `one_active_key()`, each owner's active key is looked up once.
_pinned: ContextVar[dict[int, tuple[int, bytes]] | None] = ContextVar("pinned", default=None)


@contextmanager
def one_active_key():
    """Seal many values in one go, looking each owner's active key up once rather than
    once per value. Only for a write that finishes at once: rotation changes the key."""
    token = _pinned.set({})
    try:
        yield
    finally:
        _pinned.reset(token)


def _remember(key_id: int, owner_id: int, key: bytes) -> bytes:
    if len(_cache) >= _CACHE_LIMIT:
        _cache.clear()
    _cache[key_id, owner_id] = key
    return key


def create_data_key(owner_id: int) -> DataKey:
    master = crypto.current_master_key()
    key = crypto.new_data_key()
    # The key store first: if the row below is never made, an unused wrapped key is harmless.
    handle = keystore.put(owner_id, crypto.wrap_key(key, master, owner_id))
    dk = DataKey.objects.create(user_id=owner_id, handle=handle, master_key_id=master.key_id)
    _remember(dk.pk, owner_id, key)
    return dk


def active_data_key(owner_id: int) -> tuple[int, bytes]:
    """The owner's current data key, made on first use. Not cached, because rotation
    changes it, except inside `one_active_key()`."""
    pinned = _pinned.get()
    if pinned is not None:
        if owner_id not in pinned:
            pinned[owner_id] = _active(owner_id)
        return pinned[owner_id]
    return _active(owner_id)


def _active(owner_id: int) -> tuple[int, bytes]:
    dk = DataKey.objects.filter(user_id=owner_id, retired_at__isnull=True).first()
    if dk is None:
        try:
            with transaction.atomic():
                dk = create_data_key(owner_id)
        except IntegrityError:  # another request made it first
            dk = DataKey.objects.get(user_id=owner_id, retired_at__isnull=True)
    return dk.pk, data_key(dk.pk, owner_id, row=dk)


def data_key(key_id: int, owner_id: int, row: DataKey | None = None) -> bytes:
    if (key_id, owner_id) in _cache:
        return _cache[key_id, owner_id]
    if row is None:
        row = DataKey.objects.filter(pk=key_id, user_id=owner_id).first()
        if row is None:
            raise crypto.DecryptionError(f"data key {key_id} does not belong to this owner")
    if row.user_id != owner_id:
        raise crypto.DecryptionError(f"data key {key_id} does not belong to this owner")
    key = crypto.unwrap_key(keystore.wrapped_key(row), row.master_key_id, owner_id)
    return _remember(key_id, owner_id, key)


def forget_cached_keys() -> None:
    _cache.clear()
