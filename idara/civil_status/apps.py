from django.apps import AppConfig


class CivilStatusConfig(AppConfig):
    name = "idara.civil_status"
    label = "civil_status"
    verbose_name = "Civil status"

    def ready(self):
        from idara.civil_status import documents, once_only, ordering
        from idara.dossiers import filing_checks, held_documents

        filing_checks.register(ordering.check_order)
        held_documents.register(once_only.held_birth_acts)
        documents.register()
