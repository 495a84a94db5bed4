import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from idara.catalog.national_file import NationalFileError
from idara.catalog.services import NATIONAL_FILE, import_national_file


class Command(BaseCommand):
    help = "Load or update the national catalogue of procedures from its JSON file."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(NATIONAL_FILE), type=Path)

    def handle(self, *args, path: Path, **options):
        try:
            report = import_national_file(path)
        except (NationalFileError, json.JSONDecodeError, KeyError) as error:
            raise CommandError(f"{path}: {error} — nothing was loaded") from error
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error}) — nothing was loaded") from error
        self.stdout.write(
            f"catalogue: {report.created} procedures created, {report.updated} updated, "
            f"{report.unchanged} unchanged"
        )
