from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "idara.payments"
    label = "payments"
    verbose_name = "Payments"
