from django.apps import AppConfig
from django.core import checks


class PrivacyConfig(AppConfig):
    name = "voordeur.privacy"
    label = "privacy"

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # every app's `privacy.py` registers its personal data (voordeur/privacy/registry.py)
        autodiscover_modules("privacy")
        checks.register(check_retention_settings, checks.Tags.compatibility)


def check_retention_settings(app_configs=None, **kwargs) -> list:
    """A typo in VOORDEUR_RETENTION_<KEY>_DAYS is an error at start-up, not a silent default."""
    from django.core.exceptions import ImproperlyConfigured

    from voordeur.privacy.periods import retention_periods

    try:
        retention_periods()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="privacy.E001")]
    return []
