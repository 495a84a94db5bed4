from django.apps import AppConfig


class CivilStatusConfig(AppConfig):
    name = "idara.civil_status"
    label = "civil_status"
    verbose_name = "Civil status"

    def ready(self):
        from idara.civil_status import documents, ordering
        from idara.dossiers import filing_checks

        filing_checks.register(ordering.check_order)
        documents.register()
