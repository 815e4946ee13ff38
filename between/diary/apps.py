from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "between.diary"
    # Run by `between runjobs` on every pass, before email goes out.
    jobs = ("between.diary.services.send_card_reminders",)
