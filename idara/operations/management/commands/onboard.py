from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from idara.accounts.services import send_password_link
from idara.operations.onboarding_file import FileReport, Onboarding, check, read_onboarding_file
from idara.operations.services import onboard


class Command(BaseCommand):
    help = (
        "Onboard a region, province or commune (its services, its administrator, its procedures "
        "online), or many from a CSV file (docs/deployment.md). Every line is checked first: "
        "one bad line and nothing is done. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("code", nargs="?", help="the collectivity's code, e.g. 01.151.01.")
        parser.add_argument("--admin-email", default="")
        parser.add_argument("--admin-name", default="")
        parser.add_argument(
            "--online", default="", help="procedure slugs or categories, separated by ;, or all"
        )
        parser.add_argument("--file", type=Path, help="a CSV: code,admin_email,admin_name,online")
        parser.add_argument("--language", choices=["fr", "ar"], default="fr")

    def handle(self, *args, code, file, language, **options):
        if bool(code) == bool(file):
            raise CommandError("Give either a collectivity code or --file, not both.")
        with translation.override(language):
            checked = self._read(file) if file else self._one(code, options)
            for line, problems in checked.rejected:
                self.stderr.write(f"line {line}: {' '.join(problems)}")
            if not checked.ok:
                raise CommandError(f"{len(checked.rejected)} lines rejected; nothing was done.")
            report = onboard(checked.rows)
            for email in report.new_accounts:  # in the language the operator chose
                send_password_link(email)
        self._tell(report, len(checked.rows))

    def _read(self, path: Path) -> FileReport:
        try:
            return read_onboarding_file(path.read_bytes())
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror}") from error

    def _one(self, code: str, options) -> FileReport:
        row = Onboarding.of(code, options["admin_email"], options["admin_name"], options["online"])
        problems = check(row)
        return FileReport(rows=[row], rejected=[(1, problems)] if problems else [])

    def _tell(self, report, collectivities: int) -> None:
        if not report.changed:
            self.stdout.write(
                f"{collectivities} collectivities: already onboarded: nothing changed."
            )
            return
        self.stdout.write(
            f"{collectivities} collectivities: {report.services_created} services created, "
            f"{report.administrators_named} administrators named "
            f"({len(report.new_accounts)} new accounts, each sent a link to set a password), "
            f"{report.offerings.switched_on} procedures put online."
        )
        for code, procedures in sorted(report.offerings.not_ready.items()):
            for slug, missing in sorted(procedures.items()):
                self.stdout.write(
                    f"{code} {slug}: not online until its administrator sets {', '.join(missing)}"
                )
