from django.apps import AppConfig


class PermitsConfig(AppConfig):
    name = "idara.permits"
    label = "permits"
    verbose_name = "Permits"

    def ready(self):
        from idara.dossiers import after_filing, decision_checks, filing_checks, held_documents
        from idara.permits import commission, documents, once_only

        after_filing.register(commission.convene)
        decision_checks.register(commission.check_decision)
        filing_checks.register(once_only.check_permit_reference)
        held_documents.register(once_only.held_permit)
        documents.register()
