from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "between.accounts"

    def ready(self) -> None:
        from between.accounts import checks, signals  # noqa: F401
