from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "idara.catalog"
    verbose_name = "Catalogue"
