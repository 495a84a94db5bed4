from pathlib import Path

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Write the database and every stored file into one archive, with a manifest of "
        "their SHA-256s. The database is sealed with the master key: keep the keys apart."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="where to write the .tar file")

    def handle(self, *args, archive: Path, **options):
        from idara.backups.services import backup

        manifest = backup(archive)
        self.stdout.write(
            f"{archive}: the database and {len(manifest['files'])} files, "
            f"database SHA-256 {manifest['database']['sha256']}"
        )
