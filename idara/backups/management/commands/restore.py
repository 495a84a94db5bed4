from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from idara.vault.envelope import DamagedFile
from idara.vault.keys import UnknownKey


class Command(BaseCommand):
    help = (
        "Rebuild this empty, migrated instance from a backup archive: every SHA-256 is checked "
        "before anything is written, every file after, and the audit chain at the end."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        from idara.backups.services import BadArchive, restore

        try:
            manifest = restore(archive)
        except (BadArchive, DamagedFile, UnknownKey, OSError) as error:
            raise CommandError(f"nothing restored: {error}") from error
        self.stdout.write(
            f"restored the database and {len(manifest['files'])} files from {archive}; "
            "every hash and the audit chain verified"
        )
