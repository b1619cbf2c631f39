from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "voordeur.referrals"
    label = "referrals"
    verbose_name = "Doorverwijzingen en toezeggingen"
