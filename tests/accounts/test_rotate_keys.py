import base64
import os

import pytest
from django.core.management import call_command

from between.accounts import keys
from between.accounts.models import DataKey
from between.audit.models import Action, AuditEvent
from between.journal.models import Entry
from between.lib import crypto
from tests.factories import UserFactory


@pytest.mark.django_db
def test_rotate_keys_reencrypts_under_new_data_keys(capsys):
    owner = UserFactory()
    entry = Entry.objects.create(client=owner, body="before rotation")
    old_key = DataKey.objects.get(user=owner)
    call_command("rotate_keys")
    keys.forget_cached_keys()
    new_key = DataKey.objects.get(user=owner)
    assert new_key.pk != old_key.pk
    assert not DataKey.objects.filter(pk=old_key.pk).exists()
    assert Entry.objects.get(pk=entry.pk).body == "before rotation"
    assert "1 values re-encrypted" in capsys.readouterr().out
    assert AuditEvent.objects.filter(action=Action.KEYS_ROTATED).exists()


@pytest.mark.django_db
def test_rotate_keys_rewraps_under_a_new_master_key(settings):
    owner = UserFactory()
    entry = Entry.objects.create(client=owner, body="survives a new master key")
    old_master = settings.MASTER_KEY
    settings.MASTER_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()
    settings.PREVIOUS_MASTER_KEYS = [old_master]
    call_command("rotate_keys")
    settings.PREVIOUS_MASTER_KEYS = []  # the old master key can now be thrown away
    keys.forget_cached_keys()
    assert DataKey.objects.get(user=owner).master_key_id == crypto.current_master_key().key_id
    assert Entry.objects.get(pk=entry.pk).body == "survives a new master key"


@pytest.mark.django_db
def test_missing_master_key_gives_a_clear_error(settings):
    owner = UserFactory()
    entry = Entry.objects.create(client=owner, body="locked away")
    settings.MASTER_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()
    keys.forget_cached_keys()
    with pytest.raises(crypto.DecryptionError, match="not configured"):
        Entry.objects.get(pk=entry.pk).body  # noqa: B018


@pytest.mark.django_db
def test_check_keys_passes_when_everything_opens_and_names_what_does_not(settings, capsys):
    from django.core.management.base import CommandError

    from between.accounts.models import WrappedKey

    first, second = UserFactory(), UserFactory()
    Entry.objects.create(client=first, body="opens after a restore")
    Entry.objects.create(client=second, body="whose key store row went missing")
    call_command("check_keys")
    assert "Every key opens: 2 data keys, 2 values read." in capsys.readouterr().out

    # A key store from another day: the second person's wrapped key is not in it.
    WrappedKey.objects.filter(owner_id=second.pk).delete()
    with pytest.raises(CommandError, match="2 keys or values would not open"):
        call_command("check_keys")
    err = capsys.readouterr().err
    assert f"person {second.pk}" in err and "journal.Entry.body" in err
    assert "whose key store" not in err, "names where, never the words"

    # The wrong master key: nothing opens, and it says so rather than showing garbage.
    settings.MASTER_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()
    with pytest.raises(CommandError, match="would not open"):
        call_command("check_keys", "--all")
