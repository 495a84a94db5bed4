from django.apps import AppConfig


class ScaleConfig(AppConfig):
    name = "idara.scale"
    verbose_name = "Load data and benchmarks"
