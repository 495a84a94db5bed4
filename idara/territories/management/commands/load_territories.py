from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from idara.territories.services import REFERENCE_FILE, load_territories_file
from idara.territories.territory_file import TerritoryFileError


class Command(BaseCommand):
    help = "Load or update the collectivities and arrondissements from the HCP file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(REFERENCE_FILE), type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            report = load_territories_file(path)
        except TerritoryFileError as error:
            raise CommandError(f"{path}: {error} — nothing was loaded") from error
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: cannot be read ({error}) — nothing was loaded") from error
        self.stdout.write(
            f"territories: {report.created} created, {report.updated} updated, "
            f"{report.unchanged} unchanged; {report.services_created} services created"
        )
