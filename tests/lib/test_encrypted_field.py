import base64

import pytest
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from between.accounts import keys
from between.accounts.models import DataKey, WrappedKey
from between.journal.models import Entry
from between.lib.crypto import DecryptionError
from tests.factories import UserFactory


def _raw(entry) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM journal_entry WHERE id = %s", [entry.pk.hex
                       if connection.vendor == "sqlite" else entry.pk])
        return cursor.fetchone()[0]


def _set_raw(entry, value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE journal_entry SET body = %s WHERE id = %s",
                       [value, entry.pk.hex if connection.vendor == "sqlite" else entry.pk])


@pytest.mark.django_db
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(st.text(), st.just(""), st.just("é" * 100_000),
                      st.text(alphabet=st.characters(codec="utf-8"), min_size=1)))
def test_encrypted_text_round_trips_any_unicode(text):
    owner = UserFactory()
    entry = Entry.objects.create(client=owner, body=text)
    keys.forget_cached_keys()  # open with a key unwrapped from the database, not the cache
    assert Entry.objects.get(pk=entry.pk).body == text
    stored = _raw(entry)
    assert stored.startswith("v2.") and stored != text, "journal bodies are bound to sharing"


@pytest.mark.django_db
def test_encrypted_text_stored_form_names_version_and_key():
    entry = Entry.objects.create(client=UserFactory(), body="a quiet evening")
    stored = _raw(entry)
    key_id = DataKey.objects.get(user=entry.client).pk
    assert stored.startswith(f"v2.{key_id}."), "v2: the body is bound to `shared` too"
    assert "quiet" not in stored


@pytest.mark.django_db
def test_encrypted_text_copied_to_another_row_fails_clearly():
    owner = UserFactory()
    first = Entry.objects.create(client=owner, body="first entry")
    second = Entry.objects.create(client=owner, body="second entry")
    _set_raw(second, _raw(first))
    with pytest.raises(DecryptionError, match="altered, moved from another row"):
        Entry.objects.get(pk=second.pk).body  # noqa: B018


@pytest.mark.django_db
def test_encrypted_text_tampered_byte_fails_clearly():
    entry = Entry.objects.create(client=UserFactory(), body="do not touch")
    prefix, key_id, token = _raw(entry).split(".")
    blob = bytearray(base64.urlsafe_b64decode(token))
    blob[14] ^= 0x01  # one bit of the ciphertext, just past the 12-byte nonce
    _set_raw(entry, f"{prefix}.{key_id}.{base64.urlsafe_b64encode(bytes(blob)).decode()}")
    with pytest.raises(DecryptionError):
        Entry.objects.get(pk=entry.pk).body  # noqa: B018


@pytest.mark.django_db
def test_encrypted_text_moved_to_another_clients_row_fails():
    a, b = UserFactory(), UserFactory()
    mine = Entry.objects.create(client=a, body="mine")
    theirs = Entry.objects.create(client=b, body="theirs")
    _set_raw(theirs, _raw(mine))
    with pytest.raises(DecryptionError):
        Entry.objects.get(pk=theirs.pk).body  # noqa: B018


@pytest.mark.django_db
def test_encrypted_text_refuses_queryset_update():
    entry = Entry.objects.create(client=UserFactory(), body="x")
    with pytest.raises(TypeError, match="never update"), transaction.atomic():
        Entry.objects.filter(pk=entry.pk).update(body="plain text would leak")
    assert Entry.objects.get(pk=entry.pk).body == "x"


@pytest.mark.django_db
def test_each_client_gets_their_own_data_key():
    a, b = UserFactory(), UserFactory()
    Entry.objects.create(client=a, body="a")
    Entry.objects.create(client=b, body="b")
    key_a, key_b = (DataKey.objects.get(user=u) for u in (a, b))
    wrapped_a, wrapped_b = (WrappedKey.objects.get(handle=k.handle).wrapped for k in (key_a, key_b))
    assert key_a.pk != key_b.pk and bytes(wrapped_a) != bytes(wrapped_b)
    assert len(bytes(wrapped_a)) == 12 + 32 + 16  # nonce, AES-256 key, tag
    assert key_a.wrapped is None, "no key material in the main database"


@pytest.mark.django_db
def test_key_material_lives_only_in_the_key_store():
    owner = UserFactory()
    entry = Entry.objects.create(client=owner, body="kept apart")
    assert WrappedKey.objects.db == "keystore" and DataKey.objects.db == "default"
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    assert "accounts_wrappedkey" not in tables, "the main database never holds wrapped keys"
    # Without the key store's row, the main database's ciphertext cannot be opened.
    WrappedKey.objects.filter(owner_id=owner.pk).delete()
    keys.forget_cached_keys()
    assert Entry.objects.get(pk=entry.pk).readable_body is None


@pytest.mark.django_db
def test_keys_from_before_the_key_store_move_in_on_migrate():
    from django.core.management import call_command

    from between.lib import crypto

    owner = UserFactory()
    master = crypto.current_master_key()
    raw = crypto.new_data_key()
    legacy = DataKey.objects.create(user=owner, wrapped=crypto.wrap_key(raw, master, owner.pk),
                                    master_key_id=master.key_id)
    entry = Entry.objects.create(client=owner, body="written long ago")
    call_command("migrate", verbosity=0, skip_checks=False)  # as `between migrate` runs it
    legacy.refresh_from_db()
    assert legacy.wrapped is None and legacy.handle is not None
    keys.forget_cached_keys()
    assert Entry.objects.get(pk=entry.pk).body == "written long ago"


@pytest.mark.django_db
def test_a_v1_value_from_before_binding_still_opens_and_becomes_v2_on_save():
    from between.accounts.keys import active_data_key
    from between.lib import crypto
    from between.lib.fields import PREFIX, Ciphertext, _aad

    entry = Entry.objects.create(client=UserFactory(), body="placeholder")
    key_id, key = active_data_key(entry.client_id)
    old = f"{PREFIX}.{key_id}." + crypto.seal("written last year", key,
                                               _aad(Entry, entry.pk, "body", key_id))
    Entry.objects.filter(pk=entry.pk).update(body=Ciphertext(old))
    entry = Entry.objects.get(pk=entry.pk)
    assert entry.body == "written last year"
    entry.save()
    assert _raw(entry).startswith("v2.")
    assert Entry.objects.get(pk=entry.pk).body == "written last year"
