from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "idara.identity"
    verbose_name = "Identity"

    def ready(self):
        from idara.dossiers import decision_checks
        from idara.identity.proofs import check_decision

        decision_checks.register(check_decision)
