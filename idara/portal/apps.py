from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "idara.portal"
    verbose_name = "Public portal"
