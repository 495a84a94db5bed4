from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "idara.demo"
    verbose_name = "Demo data"
