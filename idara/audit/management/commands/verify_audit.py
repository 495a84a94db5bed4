from django.core.management.base import BaseCommand, CommandError

from idara.audit.models import AuditEntry
from idara.audit.selectors import first_broken_entry


class Command(BaseCommand):
    help = "Check the audit log's hash chain; name the first entry that breaks it."

    def handle(self, *args, **options):
        broken = first_broken_entry()
        if broken is not None:
            entry_id, why = broken
            raise CommandError(f"audit entry #{entry_id} is broken: {why}")
        self.stdout.write(f"audit log intact: {AuditEntry.objects.count()} entries")
