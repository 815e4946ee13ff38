from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "between.care"
    # Run by `between runjobs` on every pass, before email goes out.
    jobs = ("between.care.urgent.route_alerts",)
