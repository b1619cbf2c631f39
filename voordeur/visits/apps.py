from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "voordeur.visits"
    label = "visits"
    verbose_name = "Huisbezoeken"
