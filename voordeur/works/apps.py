from django.apps import AppConfig


class WorksConfig(AppConfig):
    name = "voordeur.works"
    label = "works"

    def ready(self) -> None:
        from voordeur.works import printing, solving  # noqa: F401  (register the job handlers)
