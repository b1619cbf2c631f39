from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "voordeur.places"
    label = "places"
