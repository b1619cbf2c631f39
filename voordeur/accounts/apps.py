from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "voordeur.accounts"
    label = "accounts"
