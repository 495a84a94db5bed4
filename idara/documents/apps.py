from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "idara.documents"
    verbose_name = "Documents"

    def ready(self):
        from idara.documents import checks  # noqa: F401 (registers the deploy check)
