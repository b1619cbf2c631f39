from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "voordeur.imports"
    label = "imports"
