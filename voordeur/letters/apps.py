from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "voordeur.letters"
    label = "letters"
