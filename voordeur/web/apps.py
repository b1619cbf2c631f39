from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "voordeur.web"
    label = "web"
