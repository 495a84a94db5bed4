from django.core.management.base import BaseCommand
from django.utils import timezone

from idara.dossiers.models import Dossier, Status
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
        ).select_related("applicant", "collectivity")
        accepted = sum(accept_tacitly(dossier, today) for dossier in candidates.iterator())
        self.stdout.write(f"{accepted} dossiers tacitly accepted")
