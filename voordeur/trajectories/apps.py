from django.apps import AppConfig


class TrajectoriesConfig(AppConfig):
    name = "voordeur.trajectories"
    label = "trajectories"
