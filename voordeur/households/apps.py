from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "voordeur.households"
    label = "households"
