from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from idara.dossiers.models import Dossier, Status
from idara.dossiers.selectors import holidays_around
from idara.dossiers.services import accept_tacitly


class Command(BaseCommand):
    help = (
        "Write down the tacit acceptances the law already holds (L7) and notify. "
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


CHUNK = 200
