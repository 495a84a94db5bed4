from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "idara.documents"
    verbose_name = "Documents"
