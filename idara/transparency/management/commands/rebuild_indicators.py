from django.core.management.base import BaseCommand

from idara.transparency import indicators, law_states


class Command(BaseCommand):
    help = (
        "Recompute every indicator and the law's states from the dossiers alone, replacing the "
        "kept figures."
    )

    def handle(self, *args, **options):
        rows = indicators.rebuild() + law_states.rebuild()
        self.stdout.write(f"{rows} rows of figures rebuilt from the dossiers.")
