import base64
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = base64.urlsafe_b64encode(os.urandom(32)).decode()


def _vapid_key() -> str:
    from between.lib.webpush import new_private_key

    return new_private_key()


def _deploy_check(tmp_path, **env):
    base = {**os.environ, "BETWEEN_VAR_DIR": str(tmp_path), "BETWEEN_DEBUG": "0",
            "BETWEEN_SECRET_KEY": secrets.token_urlsafe(50), "BETWEEN_MASTER_KEY": GOOD_KEY,
            "BETWEEN_EMAIL_HOST": "smtp.example.org",
            "BETWEEN_AUDIT_KEY": secrets.token_urlsafe(40),
            "BETWEEN_VAPID_PRIVATE_KEY": _vapid_key(),
            "BETWEEN_ALLOWED_HOSTS": "between.example.org", "BETWEEN_HTTPS": "1",
            "BETWEEN_CSRF_TRUSTED_ORIGINS": "https://between.example.org"}
    base.pop("DATABASE_URL", None)
    base.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run([sys.executable, "-m", "between", "check", "--deploy",
                           "--fail-level", "WARNING"], cwd=ROOT, env={**base, **env},
                          capture_output=True, text=True, timeout=120)


def test_a_proper_production_environment_passes(tmp_path):
    result = _deploy_check(tmp_path)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("env,message,fix", [
    ({"BETWEEN_DEBUG": "1"}, "BETWEEN_DEBUG is on", "Unset BETWEEN_DEBUG"),
    ({"BETWEEN_SQLITE_PATH": "/tmp/one.sqlite3", "BETWEEN_KEYSTORE_PATH": "/tmp/one.sqlite3"},
     "key store is the main database", "BETWEEN_KEYSTORE_URL"),
    ({"BETWEEN_ALLOWED_HOSTS": "*"}, "allows any host name", "List the names"),
    ({"BETWEEN_MASTER_KEY": base64.urlsafe_b64encode(bytes(32)).decode()},
     "is not random", "between generate-master-key"),
])
def test_each_unsafe_setting_fails_and_says_how_to_fix_it(tmp_path, env, message, fix):
    result = _deploy_check(tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr and fix in result.stderr


@pytest.mark.django_db
def test_the_database_file_is_readable_by_this_user_only(settings):
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    connection.ensure_connection()
    mode = stat.S_IMODE(os.stat(connection.settings_dict["NAME"]).st_mode)
    assert mode & 0o077 == 0, oct(mode)


def test_between_check_warns_when_the_data_directory_is_open(tmp_path, settings):
    from between.accounts.checks import local_state_is_private

    settings.VAR_DIR = tmp_path
    (tmp_path / "master.key").write_text("k")
    (tmp_path / "master.key").chmod(0o644)
    tmp_path.chmod(0o755)
    (warning,) = local_state_is_private(None)
    assert warning.id == "between.W002" and "chmod 700" in warning.hint
    tmp_path.chmod(0o700)
    (tmp_path / "master.key").chmod(0o600)
    assert local_state_is_private(None) == []


def test_the_audit_key_must_come_from_the_environment(tmp_path):
    result = _deploy_check(tmp_path, BETWEEN_AUDIT_KEY="")
    assert result.returncode != 0 and "between.E007" in result.stderr
