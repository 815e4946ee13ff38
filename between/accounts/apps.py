from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "between.accounts"

    def ready(self) -> None:
        from between.accounts import signals  # noqa: F401
