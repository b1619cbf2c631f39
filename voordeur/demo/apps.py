from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "voordeur.demo"
    label = "demo"
