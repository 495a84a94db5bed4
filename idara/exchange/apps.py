from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "idara.exchange"
    label = "exchange"
    verbose_name = "Exchange between administrations"

    def ready(self):
        from idara.dossiers import held_documents
        from idara.exchange.connectors import held_elsewhere

        held_documents.register(held_elsewhere)
