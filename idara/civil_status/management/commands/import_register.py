from django.core.management.base import BaseCommand, CommandError

from idara.accounts.models import User
from idara.civil_status.register_file import import_register
from idara.territories.models import Collectivity


class Command(BaseCommand):
    help = "Import a bureau's civil-status register from a CSV file: all of it or nothing."

    def add_arguments(self, parser):
        parser.add_argument("bureau", help="the bureau's collectivity code, e.g. 01.151.01.01.")
        parser.add_argument("path", help="the CSV file (UTF-8, one act per line)")
        parser.add_argument("--by", required=True, help="email of the civil-status agent")

    def handle(self, *args, bureau, path, by, **options):
        unit = Collectivity.objects.filter(code=bureau).first()
        agent = User.objects.filter(email__iexact=by).first()
        if unit is None or agent is None:
            raise CommandError("Unknown bureau code or agent email.")
        with open(path, "rb") as f:
            report = import_register(agent, unit, f.read())
        for line, messages in report.rejected:
            self.stderr.write(f"line {line}: {'; '.join(messages)}")
        if not report.ok:
            raise CommandError(f"{len(report.rejected)} lines rejected; nothing was loaded.")
        self.stdout.write(f"{report.loaded} acts loaded into the register of {unit.code}.")
