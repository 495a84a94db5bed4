from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "idara.dossiers"
    verbose_name = "Dossiers"

    def ready(self):
        from idara.dossiers import decision_checks
        from idara.dossiers.services.decisions import refusal_message_delivered
        from idara.dossiers.services.fetches import check_decision
        from idara.notifications.services import on_delivered

        on_delivered(refusal_message_delivered)
        decision_checks.register(check_decision)
