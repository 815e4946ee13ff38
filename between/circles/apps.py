from django.apps import AppConfig


class CirclesConfig(AppConfig):
    name = "between.circles"

    def ready(self):
        from between.accounts.signals import deactivated
        from between.circles.services import left_unmoderated

        deactivated.connect(left_unmoderated, dispatch_uid="circles-left-unmoderated")
