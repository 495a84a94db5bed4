from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "idara.transparency"
    label = "transparency"
    verbose_name = "Transparency"

    def ready(self):
        from idara.dossiers import movements
        from idara.transparency import indicators

        movements.register(indicators.count_movement)
