import contextlib
import os
import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.backends.signals import connection_created
from django.dispatch import Signal, receiver

from between.accounts.models import User
from between.audit.models import Action
from between.audit.services import record

# Sent once a member of staff has been deactivated, with `person`. A feature app that
# depended on them answers with a sentence for whoever deactivated them (or None): so
# the clinic app tells the administrator what now waits, without knowing which apps exist.
deactivated = Signal()


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    now = time.time()
    request.session["started_at"] = now
    request.session["last_seen"] = now
    if user.is_client:  # their clinic's idle limit, looked up once per session
        from between.accounts.models import client_clinic

        clinic = client_clinic(user)
        request.session["clinic_idle"] = (clinic.client_idle_minutes or 0) if clinic else 0
    record(Action.LOGIN, actor=user, subject=user)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        record(Action.LOGOUT, actor=user, subject=user)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The email typed is kept only when it names a real account, as that account's id.
    email = (credentials.get("username") or credentials.get("email") or "").lower()
    user = User.objects.filter(email=email).first() if email else None
    record(Action.LOGIN_FAILED, subject=user)


@receiver(connection_created)
def keep_sqlite_private(sender, connection, **kwargs):
    """SQLite creates its files with the process's umask; they hold every client's
    (encrypted) data, so only this user may read them."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict["NAME"])
    for path in (name, f"{name}-wal", f"{name}-shm"):
        with contextlib.suppress(OSError):  # in memory, or not made yet
            os.chmod(path, 0o600)
