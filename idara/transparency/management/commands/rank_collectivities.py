from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from idara.transparency.ranking import Period, rank


class Command(BaseCommand):
    help = "Compute the ranking of a quarter (by default the current one and the one before)."

    def add_arguments(self, parser):
        parser.add_argument("--period", help='a quarter, e.g. "2026-Q4"')

    def handle(self, *args, period=None, **options):
        if period:
            try:
                periods = [Period.parse(period)]
            except ValueError:
                raise CommandError(f"{period!r} is not a quarter such as 2026-Q4")
        else:
            current = Period.of(timezone.localdate())
            periods = [current.previous, current]
        for each in periods:
            self.stdout.write(f"{each}: {rank(each)} collectivities ranked.")
