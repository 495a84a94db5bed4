from django.apps import AppConfig


class VaultConfig(AppConfig):
    name = "idara.vault"
    verbose_name = "Encryption at rest"

    def ready(self):
        from idara.vault import checks  # noqa: F401 (registers the deploy check)
