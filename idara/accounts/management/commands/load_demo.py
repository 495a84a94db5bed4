from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from idara.accounts.demo import DEMO_PASSWORD, load_demo_accounts


class Command(BaseCommand):
    help = "Load the demo accounts (demo mode only: IDARA_DEMO=1)."

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError("demo data is loaded only in demo mode (IDARA_DEMO=1)")
        accounts = load_demo_accounts()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            where = account.collectivity_code or ("national" if account.role else "")
            self.stdout.write(f"  {account.email:<30} {account.role or 'citizen'} {where}")
