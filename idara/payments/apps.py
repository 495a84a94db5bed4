from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "idara.payments"
    label = "payments"
    verbose_name = "Payments"

    def ready(self):
        from idara.dossiers import decision_checks
        from idara.payments import checks  # noqa: F401 (registers the check)
        from idara.payments.before_issuing import check_fee_paid
        from idara.payments.providers import refuse_the_sandbox_outside_demo

        refuse_the_sandbox_outside_demo()
        decision_checks.register(check_fee_paid)
