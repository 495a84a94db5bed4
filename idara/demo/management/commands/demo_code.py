from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from idara.demo.accounts import demo_totp_code


class Command(BaseCommand):
    help = "Print the demo staff accounts' current second-factor code (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError("demo codes exist only in demo mode (IDARA_DEMO=1)")
        self.stdout.write(demo_totp_code())
