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
    if not settings.SECRET_KEY_FROM_ENV:
        errors.append(checks.Warning(
            "BETWEEN_SECRET_KEY is not set, so a generated development key file is in use.",
            hint="Set BETWEEN_SECRET_KEY or BETWEEN_SECRET_KEY_FILE to a long random value.",
            id="between.W001"))
    return errors
