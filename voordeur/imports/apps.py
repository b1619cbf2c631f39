from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "voordeur.imports"
    label = "imports"

    def ready(self) -> None:
        from voordeur.imports import background  # noqa: F401  (registers the apply job handler)
