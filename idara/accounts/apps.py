from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "idara.accounts"
    verbose_name = "Accounts"
