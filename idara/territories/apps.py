from django.apps import AppConfig


class TerritoriesConfig(AppConfig):
    name = "idara.territories"
    verbose_name = "Territories"
