from django.apps import AppConfig


class ExploringConfig(AppConfig):
    name = "voordeur.exploring"
    label = "exploring"
    verbose_name = "Verkennen"
