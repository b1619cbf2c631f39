from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "voordeur.api"
    label = "api"
