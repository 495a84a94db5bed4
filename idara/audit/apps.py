from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "idara.audit"
    verbose_name = "Audit"
