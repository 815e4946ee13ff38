from django.apps import AppConfig


class DiaryConfig(AppConfig):
    name = "between.diary"
