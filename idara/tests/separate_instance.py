"""A separate Idara instance, as it is deployed, for the fault and stack tests: its own
database and storage, served by gunicorn in other processes. The test process sets it up with
`environment`, `Database` and `Server`; the functions from `seed` on run inside the instance,
in a subprocess with its environment (`run`), and print what they found as JSON."""

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

import requests
from django.conf import settings

from idara.vault.keys import new_index_key, new_key_entry

POSTGRES = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(folder: Path) -> dict:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("IDARA_", "DATABASE_"))}
    return keep | {
        "DJANGO_SETTINGS_MODULE": "idara.settings",
        "IDARA_VAR_DIR": str(folder / "var"),
        "MEDIA_ROOT": str(folder / "media"),
        "SECRET_KEY": uuid.uuid4().hex * 2,
        "IDARA_MASTER_KEYS": new_key_entry("instance"),
        "IDARA_INDEX_KEY": new_index_key(),
        "LOGIN_RATE": "10000/m",
        "FILING_RATE": "10000/h",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SMS_BACKEND": "idara.notifications.sms.ConsoleSMSBackend",
    }


class Database:
    """A database of the instance's own: a new PostgreSQL database when the tests run on
    PostgreSQL, a SQLite file otherwise; migrated."""

    def __init__(self, env: dict, folder: Path, name: str):
        self.name = f"idara_{name}_{os.getpid()}" if POSTGRES else None
        if self.name is None:
            env["DATABASE_URL"] = f"sqlite:///{folder / (name + '.sqlite3')}"
        else:
            postgres(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            postgres(f'CREATE DATABASE "{self.name}"')
            db = settings.DATABASES["default"]
            env["DATABASE_URL"] = (
                f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                f"{db['PORT'] or 5432}/{self.name}"
            )
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
            env=env,
            cwd=settings.BASE_DIR,
            check=True,
        )

    def drop(self) -> None:
        if self.name:
            postgres(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def postgres(statement: str) -> None:
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"],
        dbname="postgres",
        autocommit=True,
    ) as conn:
        conn.execute(statement)


class Server:
    """gunicorn with two worker processes; its master starts a new worker for each one
    killed. The application is loaded before forking, so a new worker is ready at once."""

    def __init__(self, env: dict, folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = (folder / "gunicorn.log").open("wb")
        self.master = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "idara.wsgi",
                "--workers", "2", "--preload", "--bind", f"127.0.0.1:{self.port}",
                "--timeout", "60", "--graceful-timeout", "2",
            ],
            env=env, cwd=settings.BASE_DIR, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self._wait_until_answering()

    def _wait_until_answering(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                requests.get(f"{self.url}/api/v1/procedures", timeout=5)
                return
            except requests.ConnectionError:
                time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer within a minute")

    def workers(self) -> list[int]:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.master.pid:
                children.append(int(stat.parent.name))
        return children

    def stop(self) -> None:
        self.master.terminate()
        self.master.wait(timeout=30)
        self.log.close()


def token_request(url: str, email: str) -> requests.Response:
    return requests.post(
        f"{url}/api/v1/auth/token",
        data={"email": email, "password": "a long passphrase"},
        timeout=30,
    )


def filing_request(url: str, facts: dict, token: str, key: str) -> requests.Response:
    """File the demolition permit seeded below through the API, with the key to send again."""
    from idara.dossiers.tests.helpers import DEMOLITION_DATA, pdf_bytes

    files = {
        code: (f"{code}.pdf", pdf_bytes(f"{key}-{code}".encode()), "application/pdf")
        for code in facts["documents"]
    }
    return requests.post(
        f"{url}/api/v1/dossiers",
        data={
            "procedure": facts["procedure"],
            "collectivity": facts["commune"],
            "data": json.dumps(DEMOLITION_DATA),
        },
        files=files,
        headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
        timeout=60,
    )


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


def run(function: str, env: dict, *arguments: str) -> dict:
    """Run `function` of this module in a subprocess with the instance's environment."""
    code = (
        "import sys, django; django.setup(); "
        f"from idara.tests.separate_instance import {function}; {function}(*sys.argv[1:])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"{function} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def dossier(reference: str) -> None:
    """A dossier as the worker left it: status, its PDFs and where they are kept, its messages."""
    from django.db import connection

    from idara.dossiers.models import Dossier
    from idara.notifications.models import Message

    found = Dossier.objects.select_related("receipt").get(reference=reference)
    print(
        json.dumps(
            {
                "pooled": connection.pool is not None,
                "status": found.status,
                "receipt_pdf": found.receipt.pdf.name,
                "receipt_pdf_sha256": found.receipt.pdf_sha256,
                "files": [kept.file.name for kept in found.files.all()],
                "issued": {d.kind: d.pdf.name for d in found.issued.all()},
                "messages": sorted(
                    [m.subject, m.state] for m in Message.objects.filter(about=reference)
                ),
            }
        )
    )


def backdate(reference: str, days: str) -> None:
    """Move a dossier's filing `days` into the past, its due date with it."""
    from idara.demo.permits import backdate as move_back
    from idara.dossiers.models import Dossier

    moved = move_back(Dossier.objects.get(reference=reference), int(days))
    print(json.dumps({"due_on": moved.due_on.isoformat()}))
