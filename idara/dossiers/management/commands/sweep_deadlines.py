from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from idara.dossiers.models import Dossier, RequestKind, Status
from idara.dossiers.selectors import holidays_around
from idara.dossiers.services import accept_tacitly, return_file


class Command(BaseCommand):
    help = (
        "Write down the tacit acceptances (R8) and the returned files (R3, R5) the law already "
        "holds, and notify. "
        "Scheduled by Celery beat in production, runnable by cron; running it twice changes "
        "nothing the second time."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        candidates = Dossier.objects.filter(
            status__in=[Status.SUBMITTED, Status.IN_REVIEW],
            silence_means_acceptance=True,
            due_on__lt=today,
        )
        oldest = candidates.order_by("filed_on").values_list("filed_on", flat=True).first()
        holidays = holidays_around(oldest, today) if oldest else frozenset()
        ids = list(candidates.order_by("due_on", "pk").values_list("pk", flat=True))
        accepted = 0
        for start in range(0, len(ids), CHUNK):
            # A chunk commits together: one commit for many acceptances, and a failure
            # undoes only its chunk (the next run takes it again).
            chunk = Dossier.objects.filter(pk__in=ids[start : start + CHUNK]).select_related(
                "applicant", "collectivity"
            )
            with transaction.atomic():
                accepted += sum(accept_tacitly(d, today, holidays) for d in chunk)
        self.stdout.write(f"{accepted} dossiers tacitly accepted")
        returned = 0
        # Past their 30 days at the least: a file being filed (R3), a document to replace (R5).
        month_ago = today - timedelta(days=30)
        late = Dossier.objects.filter(
            Q(status=Status.BEING_FILED, filed_on__lt=month_ago)
            | Q(
                status=Status.AWAITING_APPLICANT,
                requests__kind=RequestKind.REPLACE_DOCUMENT,
                requests__answered_on=None,
                requests__requested_on__lt=month_ago,
            )
        ).select_related("applicant", "collectivity")
        for dossier in late.order_by("filed_on", "pk").iterator():
            with transaction.atomic():
                returned += return_file(dossier, today)
        self.stdout.write(f"{returned} files returned")


CHUNK = 200
