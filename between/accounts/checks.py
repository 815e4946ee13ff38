from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def keys_come_from_the_environment(app_configs, **kwargs):
    """In production, keys must be set on purpose, not the generated development files."""
    errors = []
    if not settings.MASTER_KEY_FROM_ENV:
        errors.append(checks.Error(
            "BETWEEN_MASTER_KEY is not set, so a generated development key file is in use.",
            hint="Run `between generate-master-key`, keep the key outside the database "
                 "backups, and set BETWEEN_MASTER_KEY or BETWEEN_MASTER_KEY_FILE. Without "
                 "it, every client's text is unreadable.",
            id="between.E002"))
    if not settings.AUDIT_KEY_FROM_ENV:
        errors.append(checks.Error(
            "BETWEEN_AUDIT_KEY is not set, so a generated development key file is in use.",
            hint="Set BETWEEN_AUDIT_KEY (or _FILE) to a long random value, kept apart from "
                 "the database as the master key is, and never changed: it keys the audit "
                 "log's chain.", id="between.E007"))
    if not settings.VAPID_PRIVATE_KEY:
        errors.append(checks.Warning(
            "BETWEEN_VAPID_PRIVATE_KEY is not set, so Web Push reminders use a development "
            "key from the data directory.",
            hint="Run `between generate-vapid-key` and set BETWEEN_VAPID_PRIVATE_KEY (or "
                 "_FILE), and BETWEEN_VAPID_CONTACT to a mailto: or https: contact.",
            id="between.W003"))
    if not settings.SECRET_KEY_FROM_ENV:
        errors.append(checks.Warning(
            "BETWEEN_SECRET_KEY is not set, so a generated development key file is in use.",
            hint="Set BETWEEN_SECRET_KEY or BETWEEN_SECRET_KEY_FILE to a long random value.",
            id="between.W001"))
    return errors


@checks.register(checks.Tags.security, deploy=True)
def production_settings_are_safe(app_configs, **kwargs):
    """Settings that must never reach a server people use, each with how to fix it."""
    from between.lib.crypto import MasterKeyError, current_master_key

    errors = []
    if settings.DEBUG:
        errors.append(checks.Error(
            "BETWEEN_DEBUG is on: error pages would show code, settings and data.",
            hint="Unset BETWEEN_DEBUG, or set it to 0.", id="between.E004"))
    if "*" in settings.ALLOWED_HOSTS:
        errors.append(checks.Error(
            "BETWEEN_ALLOWED_HOSTS allows any host name ('*').",
            hint="List the names Between is served under, e.g. between.example.org.",
            id="between.E005"))
    try:
        key = current_master_key().key
    except MasterKeyError:
        key = b""
    if settings.MASTER_KEY_FROM_ENV and len(set(key)) < 16:
        errors.append(checks.Error(
            "BETWEEN_MASTER_KEY is not random (too few different bytes, e.g. all zeros).",
            hint="Make a real one with `between generate-master-key`, then re-encrypt with "
                 "`between rotate-keys` as the README describes.", id="between.E006"))
    return errors


@checks.register(checks.Tags.security)
def local_state_is_private(app_configs, **kwargs):
    """The data directory and what is in it are readable by this user only."""
    var = settings.VAR_DIR
    if not var.exists():
        return []
    secret = [p for p in var.iterdir() if p.suffix == ".key" or ".sqlite3" in p.name]
    loose = [p for p in [var, *secret] if p.stat().st_mode & 0o077]
    if not loose:
        return []
    return [checks.Warning(
        f"Other users on this machine can read {', '.join(str(p) for p in loose[:3])}"
        + (" and more" if len(loose) > 3 else "") + ".",
        hint=f"Run: chmod 700 {var} && chmod 600 {var}/*", id="between.W002")]


@checks.register(checks.Tags.security, deploy=True)
def key_store_is_apart(app_configs, **kwargs):
    """Wrapped data keys in the main database would put them in its backups, and erasure
    could no longer make an old backup unreadable."""
    main, keys = settings.DATABASES["default"], settings.DATABASES["keystore"]
    same = all(main.get(k) == keys.get(k) for k in ("ENGINE", "NAME", "HOST", "PORT"))
    if not same:
        return []
    return [checks.Error(
        "The key store is the main database, so data keys would sit in its backups.",
        hint="Point BETWEEN_KEYSTORE_URL at a separate database (or leave it unset for "
             "var/keystore.sqlite3), and back it up on its own short cycle.",
        id="between.E008")]
