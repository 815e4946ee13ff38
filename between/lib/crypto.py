"""AES-256-GCM envelope encryption for free text at rest.

Each client has a data key. Data keys are stored wrapped (encrypted) by a master key
that never touches the database. A value's associated data names the table, row,
field and data key, so a ciphertext moved to any other place fails to open.
"""

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

NONCE_BYTES = 12


class DecryptionError(Exception):
    """A value could not be opened: it was altered, moved, or its key is gone."""


class MasterKeyError(Exception):
    """The master key setting is missing or malformed."""


@dataclass(frozen=True)
class MasterKey:
    key_id: str
    key: bytes


def _parse_master_key(text: str) -> MasterKey:
    """Master keys are 32 random bytes, written as base64 (url-safe or standard)."""
    text = text.strip()
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) < 32:
        # Development key files hold 48 url-safe random bytes' worth of text; anything
        # at least that long is stretched deterministically to 32 bytes.
        if len(text) < 43:
            raise MasterKeyError(
                "BETWEEN_MASTER_KEY must be 32 random bytes in base64; "
                "make one with `between generate-master-key`."
            )
        raw = hashlib.sha256(text.encode()).digest()
    key = raw[:32]
    return MasterKey(key_id=hashlib.sha256(key).hexdigest()[:12], key=key)


def current_master_key() -> MasterKey:
    return _parse_master_key(settings.MASTER_KEY)


def master_keys() -> dict[str, MasterKey]:
    """Every master key that may have wrapped a stored data key, by id."""
    keys = [current_master_key()] + [_parse_master_key(k) for k in settings.PREVIOUS_MASTER_KEYS]
    return {k.key_id: k for k in keys}


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def wrap_key(data_key: bytes, master: MasterKey, owner_id: int) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    aad = f"between:datakey|{owner_id}|{master.key_id}".encode()
    return nonce + AESGCM(master.key).encrypt(nonce, data_key, aad)


def unwrap_key(wrapped: bytes, master_key_id: str, owner_id: int) -> bytes:
    master = master_keys().get(master_key_id)
    if master is None:
        raise DecryptionError(
            f"Data key for user {owner_id} is wrapped by master key {master_key_id}, "
            "which is not configured (see BETWEEN_PREVIOUS_MASTER_KEYS)."
        )
    aad = f"between:datakey|{owner_id}|{master.key_id}".encode()
    try:
        return AESGCM(master.key).decrypt(wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], aad)
    except InvalidTag:
        raise DecryptionError(f"Data key for user {owner_id} failed to unwrap.") from None


def seal(plaintext: str, key: bytes, aad: bytes) -> str:
    nonce = os.urandom(NONCE_BYTES)
    ct = AESGCM(key).encrypt(nonce, plaintext.encode("utf-8"), aad)
    return base64.urlsafe_b64encode(nonce + ct).decode("ascii")


def open_sealed(token: str, key: bytes, aad: bytes) -> str:
    """Return the plaintext, or raise DecryptionError; never return garbage."""
    try:
        blob = base64.urlsafe_b64decode(token.encode("ascii"))
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad).decode("utf-8")
    except (InvalidTag, binascii.Error, ValueError, UnicodeError):
        raise DecryptionError("value failed authentication") from None


def system_key(master: MasterKey, purpose: str) -> bytes:
    """A key for the installation's own secrets (not a client's), derived from a master
    key for one purpose, so it needs no storage and rotates with the master key."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"between:{purpose}".encode()).derive(master.key)


def seal_system(plaintext: str, purpose: str, aad: bytes) -> str:
    """Sealed with the current master key's system key, marked with that key's id."""
    master = current_master_key()
    return f"s1.{master.key_id}.{seal(plaintext, system_key(master, purpose), aad)}"


def open_system(stored: str, purpose: str, aad: bytes) -> str:
    """The text sealed by seal_system, or DecryptionError (its master key is gone)."""
    try:
        version, key_id, token = stored.split(".", 2)
    except ValueError:
        raise DecryptionError("not a sealed value") from None
    master = master_keys().get(key_id)
    if version != "s1" or master is None:
        raise DecryptionError(f"no master key {key_id!r} to open this value")
    return open_sealed(token, system_key(master, purpose), aad)
