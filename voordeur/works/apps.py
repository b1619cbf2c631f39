from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "voordeur.works"
    label = "works"
