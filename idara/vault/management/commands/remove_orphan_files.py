from datetime import timedelta

from django.core.management.base import BaseCommand

from idara.vault.orphans import remove_orphans


class Command(BaseCommand):
    help = "Remove stored files that no dossier, receipt, document or budget names."

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than-minutes",
            type=int,
            default=60,
            help="leave younger files: their filing may still be committing (default 60)",
        )

    def handle(self, *args, older_than_minutes: int, **options):
        removed = remove_orphans(timedelta(minutes=older_than_minutes))
        for name in removed:
            self.stdout.write(f"removed {name}")
        self.stdout.write(f"{len(removed)} files without their row removed")
