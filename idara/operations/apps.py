from django.apps import AppConfig
from django.core.signals import request_finished


class OperationsConfig(AppConfig):
    name = "idara.operations"
    label = "operations"
    verbose_name = "Operations: health, readiness, metrics"

    def ready(self):
        from idara.operations.logs import forget_request_id

        request_finished.connect(forget_request_id, dispatch_uid="forget_request_id")
