import time

from django.core.management.base import BaseCommand

from idara.scale.generator import Plan, generate


class Command(BaseCommand):
    help = (
        "Write a national data set for the benchmarks: all collectivities, the catalogue, "
        "agents, citizens and N dossiers with their histories, in bulk (COPY on PostgreSQL). "
        "Accounts get the password 'bench-passphrase'. Never on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, required=True)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=5519)
        parser.add_argument(
            "--past-due",
            type=int,
            default=0,
            help="also this many open dossiers past their due date (for sweep_deadlines)",
        )

    def handle(self, *args, **options):
        started = time.monotonic()
        plan = Plan(options["dossiers"], options["years"], options["seed"], options["past_due"])
        counts = generate(plan, say=self.stdout.write)
        took = time.monotonic() - started
        for label, written in counts.items():
            self.stdout.write(f"{label}: {written} rows")
        self.stdout.write(f"done in {took:.1f} s")
