from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "voordeur.jobs"
    label = "jobs"
