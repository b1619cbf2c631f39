from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "voordeur.audit"
    label = "audit"
