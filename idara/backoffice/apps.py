from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "idara.backoffice"
    verbose_name = "Back office"
