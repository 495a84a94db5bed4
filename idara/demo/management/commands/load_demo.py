from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from idara.audit.national_key import make_national_key
from idara.audit.services import make_checkpoint
from idara.demo.accounts import (
    DEMO_PASSWORD,
    demo_totp_secret,
    load_demo_accounts,
    name_demo_communes_in_tamazight,
)
from idara.demo.budgets import load_demo_budgets
from idara.demo.catalog import load_demo_offerings
from idara.demo.dossiers import load_demo_dossiers
from idara.demo.exchange import load_demo_administration
from idara.demo.history import load_demo_history
from idara.demo.register import load_demo_registers
from idara.transparency.ranking import Period, rank


class Command(BaseCommand):
    help = "Load the demo accounts and the demo communes' offerings (demo mode only)."

    def handle(self, *args, **options):
        if not settings.DEMO:
            raise CommandError("demo data is loaded only in demo mode (IDARA_DEMO=1)")
        accounts = load_demo_accounts()
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for account in accounts:
            where = account.collectivity_code or ("national" if account.role else "")
            self.stdout.write(f"  {account.email:<30} {account.role or 'citizen'} {where}")
        self.stdout.write(
            "Staff accounts' second factor: an authenticator app with the key "
            f"{demo_totp_secret()}, or `python manage.py demo_code` for the current code."
        )
        name_demo_communes_in_tamazight()
        online = load_demo_offerings()
        self.stdout.write(f"Both demo communes offer {online} procedures online.")
        connected = load_demo_administration()
        self.stdout.write(f"{connected.name_fr} is connected to the exchange.")
        acts = load_demo_registers()
        if acts:
            self.stdout.write(f"{acts} acts in the demo communes' civil-status registers.")
        history = load_demo_history()
        if history:
            self.stdout.write(f"{history} past dossiers of the demo provinces' communes.")
        dossiers = load_demo_dossiers()
        if dossiers:
            self.stdout.write(f"{dossiers} demo dossiers, in every status, in both demo communes.")
        budgets = load_demo_budgets()
        if budgets:
            self.stdout.write(f"{budgets} budgets and accounts published.")
        current = Period.of(timezone.localdate())
        for period in (current.previous, current):
            self.stdout.write(f"{period}: {rank(period)} collectivities ranked.")
        make_national_key()
        checkpoint = make_checkpoint()
        self.stdout.write(
            f"Audit log signed up to entry #{checkpoint.entry_id} ({checkpoint.day})."
        )
