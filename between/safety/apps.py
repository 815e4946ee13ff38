from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "between.safety"
