from django.apps import AppConfig


class SummaryConfig(AppConfig):
    name = "between.summary"
