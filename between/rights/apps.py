from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "between.rights"
    label = "rights"
    verbose_name = "Data rights"
    # Run by `between runjobs` on every pass, before email goes out.
    jobs = ("between.rights.services.build_waiting_exports",
            "between.rights.services.expire_exports",
            "between.rights.services.erase_due")
