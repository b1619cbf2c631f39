from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "voordeur.access"
    label = "access"
