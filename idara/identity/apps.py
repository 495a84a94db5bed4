from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "idara.identity"
    verbose_name = "Identity"
