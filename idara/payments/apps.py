from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "idara.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self):
        from idara.payments import checks  # noqa: F401 (registers the check)
        from idara.payments.providers import refuse_the_sandbox_outside_demo

        refuse_the_sandbox_outside_demo()
