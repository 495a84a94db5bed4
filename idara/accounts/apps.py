from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "idara.accounts"
    verbose_name = "Accounts"

    def ready(self):
        from idara.accounts import signals  # noqa: F401
