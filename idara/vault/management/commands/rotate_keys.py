from django.core.management.base import BaseCommand, CommandError

from idara.vault import keys
from idara.vault.rotation import rotate


class Command(BaseCommand):
    help = (
        "Re-wrap every file's and encrypted field's data key with the current master key "
        "(the first of IDARA_MASTER_KEYS), and encrypt files still kept in clear. "
        "Safe while Idara serves; remove an old key only after this has run."
    )

    def handle(self, *args, **options):
        keys.reset()
        done = rotate()
        if done.failed:
            raise CommandError("files that did not open:\n" + "\n".join(done.failed))
        if options["verbosity"] == 0:
            return
        self.stdout.write(
            f"master key {keys.provider().current}: {done.rewrapped} files re-wrapped, "
            f"{done.sealed} encrypted, {done.current} already current; "
            f"{done.values} field values sealed again"
        )
