from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "voordeur.safety"
    label = "safety"
    verbose_name = "Veiligheid: signalen van ondermijning"
