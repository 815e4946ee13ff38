from django.apps import AppConfig


class ClinicConfig(AppConfig):
    """Running a clinic: its settings, its people and its audit log, for administrators."""

    name = "between.clinic"
    label = "clinic"
    verbose_name = "Clinic administration"
