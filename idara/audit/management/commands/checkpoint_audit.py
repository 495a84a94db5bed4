from django.core.management.base import BaseCommand, CommandError

from idara.audit.national_key import NoNationalKey
from idara.audit.services import ChainBroken
from idara.audit.tasks import checkpoint_audit_chain


class Command(BaseCommand):
    help = (
        "Sign today's checkpoint of the audit log with the national key (once a day; Celery "
        "beat does it each night) and keep a copy of it outside the database."
    )

    def handle(self, *args, **options):
        try:
            made = checkpoint_audit_chain()
        except NoNationalKey as error:
            raise CommandError(
                "there is no national key: make it with manage.py make_signing_keys --national"
            ) from error
        except ChainBroken as error:
            raise CommandError(f"not signed: {error}") from error
        self.stdout.write(made or "the audit log is empty: nothing to sign")
