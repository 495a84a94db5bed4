from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "idara.audit"
    verbose_name = "Audit"

    def ready(self):
        from idara.audit import checks  # noqa: F401 (registers the check)
