from django.core.management.base import BaseCommand

from idara.notifications.services import deliver_due


class Command(BaseCommand):
    help = "Send the outbox's pending messages whose time has come (Celery beat in production)."

    def handle(self, *args, **options):
        self.stdout.write(f"{deliver_due()} messages sent")
