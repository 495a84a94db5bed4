from django.core.management.base import BaseCommand

from idara.transparency import indicators


class Command(BaseCommand):
    help = "Recompute every indicator from the dossiers alone, replacing the kept figures."

    def handle(self, *args, **options):
        rows = indicators.rebuild()
        self.stdout.write(f"{rows} rows of figures rebuilt from the dossiers.")
