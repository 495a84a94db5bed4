"""A separate Idara instance for the fault tests (test_faults.py): its own database and
storage, set up and read by these functions in subprocesses that run with its environment."""

import hashlib
import json
import subprocess
import sys
from collections import defaultdict
from datetime import timedelta


def seed() -> None:
    """Collectivities, catalogue, a commune offering the demolition permit, four citizens;
    prints what the load needs."""
    from idara.accounts.models import Role
    from idara.accounts.services import create_user, grant_membership
    from idara.catalog import selectors as catalog
    from idara.catalog.services import OfferingChanges, import_national_file, set_offering
    from idara.dossiers.tests.helpers import DEMOLITION
    from idara.territories.models import Collectivity, ServiceKind
    from idara.territories.services import create_default_services, load_territories_file

    load_territories_file()
    create_default_services()
    import_national_file()
    commune = Collectivity.objects.filter(kind="commune_urban").order_by("code").first()
    admin = create_user(None, email="admin@faults.ma", password="a long passphrase")
    grant_membership(None, admin, Role.COLLECTIVITY_ADMIN, collectivity=commune)
    procedure = catalog.procedure(DEMOLITION)
    service = commune.services.get(kind=ServiceKind.URBANISM)
    changes = OfferingChanges(online=True, service=service, local_fee_formula_fr="5 MAD par m²")
    set_offering(admin, commune, procedure, changes)
    citizens = [f"citizen{n}@faults.ma" for n in range(4)]
    for email in citizens:
        create_user(None, email=email, password="a long passphrase")
    documents = catalog.version_in_force(procedure).documents.filter(mandatory=True)
    print(
        json.dumps(
            {
                "commune": commune.code,
                "procedure": DEMOLITION,
                "citizens": citizens,
                "documents": [d.code for d in documents],
            }
        )
    )


def report() -> None:
    """What survived: each dossier with its receipt and whether every file opens with its
    SHA-256; receipt numbers per commune and year; orphan files removed; the audit chain."""
    from django.core.management import call_command

    from idara.audit.selectors import first_broken_entry
    from idara.dossiers.models import Dossier
    from idara.vault.orphans import orphan_names

    dossiers, numbers = {}, defaultdict(list)
    for dossier in Dossier.objects.select_related("receipt").prefetch_related("files"):
        dossiers[dossier.idempotency_key] = {
            "reference": dossier.reference,
            "files": [_opens_whole(kept) for kept in dossier.files.all()],
        }
        receipt = dossier.receipt
        numbers[f"{receipt.collectivity_id}-{receipt.year}"].append(receipt.number)
    orphans = orphan_names(timedelta(0))
    call_command("remove_orphan_files", older_than_minutes=0, verbosity=0, stdout=sys.stderr)
    broken = first_broken_entry()
    print(
        json.dumps(
            {
                "dossiers": dossiers,
                "numbers": {k: sorted(v) for k, v in numbers.items()},
                "orphans_removed": len(orphans),
                "orphans_left": orphan_names(timedelta(0)),
                "audit_broken": list(broken) if broken else None,
            }
        )
    )


def _opens_whole(kept) -> bool:
    digest = hashlib.sha256()
    with kept.file.open("rb") as stored:
        while chunk := stored.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest() == kept.sha256 and len(kept.sha256) == 64


def run(function: str, env: dict, cwd) -> dict:
    """Run `function` of this module in a subprocess with the instance's environment."""
    code = (
        "import django; django.setup(); "
        f"from idara.tests.fault_instance import {function}; {function}()"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"{function} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])
