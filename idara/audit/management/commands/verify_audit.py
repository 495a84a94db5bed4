from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from idara.audit import kept_copy
from idara.audit.models import AuditEntry
from idara.audit.selectors import checkpoint_problem, first_broken_entry, stored_checkpoints


class Command(BaseCommand):
    help = (
        "Check the audit log's hash chain against its signed checkpoints and the copies of "
        "them kept outside the database; name the first entry or checkpoint that breaks it. "
        "Keeps a copy of every checkpoint that holds (AUDIT_CHECKPOINTS_KEPT)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--published",
            action="append",
            type=Path,
            default=[],
            help="a checkpoints file downloaded from /open-data/audit/checkpoints.json",
        )

    def handle(self, *args, published, **options):
        try:
            outside = kept_copy.read_kept()
            for path in published:
                outside += kept_copy.read_published(path)
        except kept_copy.BadCopy as error:
            raise CommandError(str(error)) from error
        checkpoints = stored_checkpoints()
        problem = checkpoint_problem(checkpoints, outside)
        if problem is not None:
            raise CommandError(f"audit checkpoints do not hold: {problem}")
        broken = first_broken_entry(checkpoints)
        if broken is not None:
            entry_id, why = broken
            raise CommandError(f"audit entry #{entry_id} is broken: {why}")
        kept_copy.keep(checkpoints)
        self.stdout.write(self._summary(checkpoints))

    def _summary(self, checkpoints) -> str:
        count = AuditEntry.objects.count()
        if not checkpoints:
            return (
                f"audit log intact: {count} entries; no checkpoint yet, so a log cut or "
                "re-chained would not be found (manage.py checkpoint_audit)"
            )
        latest = checkpoints[-1]
        since = AuditEntry.objects.filter(id__gt=latest.entry_id).count()
        return (
            f"audit log intact: {count} entries; {len(checkpoints)} checkpoints hold, the "
            f"latest of {latest.day} at entry #{latest.entry_id}; {since} entries since "
            "await the next checkpoint"
        )
