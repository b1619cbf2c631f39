from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "voordeur.consent"
    label = "consent"

    def ready(self) -> None:
        from voordeur.consent import printing  # noqa: F401  (registers the letter batch job's handler)
