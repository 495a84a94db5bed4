from django.core.management.base import BaseCommand, CommandError

from idara.audit.national_key import make_national_key
from idara.documents.signing import make_signing_key
from idara.territories.models import Collectivity, Kind


class Command(BaseCommand):
    help = (
        "Make the signing key and certificate of collectivities that have none, as files under "
        "SIGNING_KEYS_DIR (never in the database). Existing keys are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("codes", nargs="*", help="collectivity codes")
        parser.add_argument(
            "--civil-status-bureaux",
            action="store_true",
            help="every commune and arrondissement (the bureaux that issue civil-status acts)",
        )
        parser.add_argument(
            "--national",
            action="store_true",
            help="the national key, which signs the audit log's daily checkpoints",
        )

    def handle(self, *args, codes, civil_status_bureaux, national, **options):
        if national:
            made = make_national_key()
            self.stdout.write("national key made." if made else "the national key already existed.")
            if not codes and not civil_status_bureaux:
                return
        units = Collectivity.objects.filter(code__in=codes)
        if civil_status_bureaux:
            units = Collectivity.objects.filter(
                kind__in=[Kind.COMMUNE_URBAN, Kind.COMMUNE_RURAL, Kind.ARRONDISSEMENT]
            )
        unknown = set(codes) - set(units.values_list("code", flat=True))
        if unknown and not civil_status_bureaux:
            raise CommandError(f"Unknown collectivity codes: {', '.join(sorted(unknown))}")
        made = sum(make_signing_key(unit) for unit in units)
        self.stdout.write(f"{made} signing keys made; {units.count() - made} already existed.")
