from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "between.journal"
