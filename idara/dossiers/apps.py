from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "idara.dossiers"
    verbose_name = "Dossiers"
