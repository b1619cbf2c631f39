from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "voordeur.ops"
    label = "ops"
