"""EncryptedTextField: the one field type for free text that people write.

Values are sealed on save with the owning client's data key and opened lazily on first
attribute access, because opening needs the row's identity and from_db_value has none.

Stored form: ``v1.<data key id>.<base64(nonce | ciphertext | tag)>``.
Associated data: ``v1|<table>|<primary key>|<field>|<data key id>``.

A field can also bind columns that decide who may read it (the journal's ``shared``):
such values are stored as ``v2.…``, and their associated data ends with
``|<column>=<value>``, so changing the column in the database makes the text unreadable
rather than shared. ``v1`` values open as before and become ``v2`` when next saved.

A model using it needs an identity known before insert, a UUID primary key or another
unique UUID column named by ``row_id`` (for a table whose integer keys are in URLs), and
a foreign key to the person whose data key protects the row: ``client`` unless ``owner``
names another.
"""

from django.core import checks
from django.db import models

from between.lib import crypto

PREFIX = "v1"
BOUND_PREFIX = "v2"  # the associated data also covers the field's bound columns


class Sealed(str):
    """A stored ciphertext that has not been opened yet."""


class Ciphertext(str):
    """A freshly sealed value on its way to the database."""


def _aad(model: type[models.Model], pk: object, field_name: str, key_id: int,
         version: str = PREFIX, bound: str = "") -> bytes:
    base = f"{version}|{model._meta.db_table}|{pk}|{field_name}|{key_id}"
    return (f"{base}|{bound}" if version == BOUND_PREFIX else base).encode()


def parse(stored: str) -> tuple[str, int, str]:
    prefix, key_id, token = stored.split(".", 2)
    if prefix not in (PREFIX, BOUND_PREFIX):
        raise crypto.DecryptionError(f"unknown ciphertext version {prefix!r}")
    return prefix, int(key_id), token


class _Descriptor:
    def __init__(self, field: "EncryptedTextField") -> None:
        self.field = field

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__.get(self.field.attname)
        if isinstance(value, Sealed):
            value = self.field.open(instance, value)
            instance.__dict__[self.field.attname] = value
        return value

    def __set__(self, instance, value) -> None:
        instance.__dict__[self.field.attname] = value


class EncryptedTextField(models.TextField):
    """Free text, encrypted at rest with the owner's data key.

    Every such field a client writes goes through risk screening: its model lists it in
    `screened_fields`. A field that is deliberately not screened says why, in
    `not_screened`; a test fails for any field that does neither.
    """

    description = "Text encrypted at rest with the owner's data key"

    def __init__(self, *args, not_screened: str = "", bound_to: tuple[str, ...] = (),
                 row_id: str = "pk", owner: str = "client", **kwargs):
        self.not_screened = not_screened
        self.bound_to = tuple(bound_to)
        self.row_id = row_id
        self.owner = owner
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.row_id != "pk":
            kwargs["row_id"] = self.row_id
        if self.owner != "client":
            kwargs["owner"] = self.owner
        return name, path, args, kwargs

    def _row(self, instance) -> object:
        return getattr(instance, self.row_id)

    def _owner_id(self, instance) -> int:
        return getattr(instance, f"{self.owner}_id")

    def _bound(self, instance) -> str:
        return "|".join(f"{name}={getattr(instance, name)!r}" for name in self.bound_to)

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only)
        setattr(cls, self.attname, _Descriptor(self))

    def check(self, **kwargs):
        errors = super().check(**kwargs)
        if self.model._meta.abstract:
            return errors
        fields = {f.name: f for f in self.model._meta.concrete_fields}
        row = self.model._meta.pk if self.row_id == "pk" else fields.get(self.row_id)
        if not (isinstance(row, models.UUIDField) and row.has_default()
                and (row.primary_key or row.unique)):
            errors.append(checks.Error(
                "EncryptedTextField needs an identity known before insert.",
                hint="Use a UUIDField primary key with default=uuid.uuid4, or name a unique "
                     "UUIDField with a default in row_id.",
                obj=self, id="between.E001"))
        owner = fields.get(self.owner)
        if owner is None or not owner.is_relation:
            errors.append(checks.Error(
                f"EncryptedTextField needs a `{self.owner}` foreign key: its data key "
                "protects the row.", obj=self, id="between.E003"))
        return errors

    def from_db_value(self, value, expression, connection):
        return None if value is None else Sealed(value)

    def seal(self, instance, plaintext: str) -> Ciphertext:
        from between.accounts.keys import active_data_key

        key_id, key = active_data_key(self._owner_id(instance))
        version = BOUND_PREFIX if self.bound_to else PREFIX
        aad = _aad(type(instance), self._row(instance), self.attname, key_id, version,
                   self._bound(instance))
        return Ciphertext(f"{version}.{key_id}.{crypto.seal(plaintext, key, aad)}")

    def open(self, instance, stored: str) -> str:
        from between.accounts.keys import data_key

        where = f"{instance._meta.db_table}.{self.attname} of row {self._row(instance)}"
        try:
            version, key_id, token = parse(stored)
            key = data_key(key_id, self._owner_id(instance))
            aad = _aad(type(instance), self._row(instance), self.attname, key_id, version,
                       self._bound(instance))
            return crypto.open_sealed(token, key, aad)
        except (crypto.DecryptionError, ValueError) as exc:
            raise crypto.DecryptionError(
                f"Could not decrypt {where}: the value was altered, moved from another "
                f"row, or its key is missing ({exc})."
            ) from None

    def pre_save(self, model_instance, add):
        value = model_instance.__dict__.get(self.attname)
        if value is None or isinstance(value, Sealed):
            return value if value is None else Ciphertext(value)
        if self._row(model_instance) is None:
            raise ValueError("EncryptedTextField needs the row's identity set before saving.")
        return self.seal(model_instance, str(value))

    def get_db_prep_value(self, value, connection, prepared=False):
        if value is None or isinstance(value, Ciphertext):
            return value
        # Plain text arriving here came from QuerySet.update() or a filter, which would
        # store or compare it unencrypted. Refuse rather than leak.
        raise TypeError("Encrypted fields are written through model.save(), never update().")


def opened(instance: models.Model, attname: str) -> str | None:
    """The field's text, or None if it cannot be decrypted, so a list can show every
    other row and say plainly that this one could not be opened."""
    try:
        return getattr(instance, attname)
    except crypto.DecryptionError:
        return None
