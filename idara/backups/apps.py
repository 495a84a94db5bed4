from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "idara.backups"
    verbose_name = "Backups"
