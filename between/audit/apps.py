from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "between.audit"

    def ready(self) -> None:
        from between.audit.triggers import on_post_migrate

        post_migrate.connect(on_post_migrate, sender=self)
