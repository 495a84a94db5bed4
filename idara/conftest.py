"""Fixtures shared by every app's tests."""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from idara.accounts.models import Role
from idara.accounts.services import create_user, grant_membership
from idara.catalog import selectors as catalog
from idara.catalog.services import OfferingChanges, import_national_file, set_offering
from idara.dossiers.tests.helpers import DEMOLITION, DEMOLITION_DOCUMENT, EXTRACT
from idara.territories.models import ServiceKind
from idara.territories.services import create_default_services, load_territories_file
from idara.territories.tests.factories import CollectivityFactory
from idara.tests.accessibility import audit_visited, visited_pages
from idara.tests.separate_instance import free_port


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and lockouts counted by one test do not reach the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def demo(transactional_db):
    """What `make run` loads: every collectivity, the catalogue and the demo data, committed
    (for the browser tests' live server)."""
    load_territories_file()
    import_national_file()
    with override_settings(DEMO=True):
        call_command("load_demo", verbosity=0)


@pytest.fixture
def sandbox_payments(settings):
    """Fees paid online through the sandbox, which serves only in demo mode."""
    settings.DEMO, settings.PAYMENT_PROVIDER = True, "sandbox"


@pytest.fixture
def all_territories(db):
    """The whole reference file, as `make run` loads it."""
    return load_territories_file()


@pytest.fixture
def commune(db):
    """An urban commune with its province, region and default services."""
    unit = CollectivityFactory(kind="commune_urban")
    create_default_services()
    return unit


@pytest.fixture
def other_commune(db):
    unit = CollectivityFactory(kind="commune_rural")
    create_default_services()
    return unit


@pytest.fixture
def catalogue(db):
    """The national catalogue, as `make run` loads it."""
    return import_national_file()


def make_user(email: str, role: str = "", full_name: str = "", **scope):
    user = create_user(None, email=email, password="a long passphrase", full_name=full_name)
    if role:
        grant_membership(None, user, role, **scope)
    return user


@pytest.fixture
def supervisor(db):
    return make_user("supervisor@dgct.ma", Role.NATIONAL_SUPERVISOR)


@pytest.fixture
def admin(commune):
    return make_user("admin@commune.ma", Role.COLLECTIVITY_ADMIN, collectivity=commune)


@pytest.fixture
def other_admin(other_commune):
    return make_user("admin@other.ma", Role.COLLECTIVITY_ADMIN, collectivity=other_commune)


def enrol_second_factor(user):
    """A confirmed authenticator for a staff account, as after enrolment."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def staff_login(client, user):
    """Sign a staff account in with its password and its second factor, as the login pages do."""
    from django_otp import DEVICE_ID_SESSION_KEY

    device = user.totpdevice_set.filter(confirmed=True).first() or enrol_second_factor(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


# What the dossier tests file: a commune that offers two procedures online, a citizen, agents.
@pytest.fixture
def offered(catalogue, commune, admin):
    """The commune offers the birth extract and the demolition permit online."""
    extract = OfferingChanges(
        online=True, service=commune.services.get(kind=ServiceKind.CIVIL_STATUS)
    )
    demolition = OfferingChanges(
        online=True,
        service=commune.services.get(kind=ServiceKind.URBANISM),
        local_fee_formula_fr="5 MAD par m² démoli",
        # The commune narrows the national 50 MB to 5 MB for the one document.
        local_document_limits={DEMOLITION_DOCUMENT: {"max_size_mb": 5}},
    )
    set_offering(admin, commune, catalog.procedure(EXTRACT), extract)
    set_offering(admin, commune, catalog.procedure(DEMOLITION), demolition)
    return commune


@pytest.fixture
def citizen(db):
    user = make_user("amina@example.ma")
    user.phone = "+212600000000"
    user.save()
    return user


@pytest.fixture
def agent(commune):
    return make_user(
        "agent@commune.ma", Role.AGENT, service=commune.services.get(kind=ServiceKind.URBANISM)
    )


@pytest.fixture
def civil_agent(commune):
    return make_user(
        "civil@commune.ma", Role.AGENT, service=commune.services.get(kind=ServiceKind.CIVIL_STATUS)
    )


def pytest_configure(config):
    # Tests serve static files from the source tree, not from a collectstatic run.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    settings.STORAGES = settings.STORAGES | {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }
    # Signing keys made by tests go to a throwaway folder, never to var/keys.
    settings.SIGNING_KEYS_DIR = Path(tempfile.mkdtemp(prefix="idara-keys-"))
    settings.AUDIT_CHECKPOINTS_KEPT = Path(tempfile.mkdtemp(prefix="idara-audit-")) / "kept.jsonl"
    # So are the files tests store, encrypted with a master key of their own.
    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="idara-media-"))
    _flush_lifts_the_audit_trigger()
    _log_the_run_to_a_file()


# Values the fixtures give people: none may appear in the logs the test run writes.
PERSONAL_VALUES = ("+212600000000", "212600000000", "AB123456", "K123456", "amina@example.ma")
# One log for each process of the run (pytest-xdist's workers run the tests, gw0, gw1...).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
RUN_LOGS = Path(settings.VAR_DIR)
RUN_LOG = RUN_LOGS / (f"test-run-{WORKER}.log" if WORKER else "test-run.log")


def _log_the_run_to_a_file():
    """The test run's logs go to var/test-run*.log through the same filters as production's."""
    import logging

    from idara.operations.logs import JsonLines, WithRequestId
    from idara.security.logs import RedactPersonalData

    RUN_LOG.parent.mkdir(parents=True, exist_ok=True)
    if not WORKER:  # the run starts: a worker's log from an earlier run is not this run's
        for old in RUN_LOGS.glob("test-run-gw*.log"):
            old.unlink()
    handler = logging.FileHandler(RUN_LOG, mode="w", encoding="utf-8")
    handler.addFilter(RedactPersonalData())
    handler.addFilter(WithRequestId())
    handler.setFormatter(JsonLines())
    logging.getLogger().addHandler(handler)
    logging.getLogger("django.request").setLevel(logging.INFO)


def pytest_sessionfinish(session, exitstatus):
    """Issue 10: "no personal data in URLs or logs (tested on the logs the test run writes)":
    read by the run's main process, once every worker has finished."""
    if WORKER:
        return
    found = [
        line.strip()
        for log in [RUN_LOG, *sorted(RUN_LOGS.glob("test-run-gw*.log"))]
        if log.exists()
        for line in log.read_text(encoding="utf-8").splitlines()
        if any(value in line for value in PERSONAL_VALUES)
    ]
    if found:
        print("\nPersonal data in the test run's logs (var/test-run*.log):", *found[:20], sep="\n")
        session.exitstatus = 1


def _flush_lifts_the_audit_trigger():
    """Between transactional tests Django empties every table; on SQLite that is a DELETE,
    which the audit log's trigger refuses. The test database's owner lifts it for that flush
    and puts it back (PostgreSQL's flush is a TRUNCATE, which row triggers do not see)."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return
    from django.db.backends.sqlite3.base import DatabaseOperations

    from idara.audit import protection

    flush = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        flush(
            self,
            protection.lift_statements("sqlite")
            + list(sql_list)
            + protection.install_statements("sqlite"),
        )

    DatabaseOperations.execute_sql_flush = execute_sql_flush


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root in a container Chromium needs --no-sandbox; the rest keep it off the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright. Missing Chromium fails the run: no silent skip."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `make system-deps` (apt-get install chromium)")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in its own browser context; all are closed before the live server stops.
    Afterwards every page the test went to is opened again in its context and checked by
    axe-core (WCAG 2.2 A and AA), and no page may have needed what the CSP forbids."""
    opened, refused = [], []

    def open_page(width: int = 1280, height: int = 800, javascript: bool = True):
        context = browser.new_context(
            viewport={"width": width, "height": height}, java_script_enabled=javascript
        )
        page = context.new_page()
        page.on("console", lambda m: _csp_refusal(m, refused))
        opened.append((context, page.viewport_size, visited_pages(page)))
        return page

    yield open_page
    inaccessible = {}
    for context, viewport, addresses in opened:
        inaccessible |= audit_visited(browser, context, viewport, addresses)
        context.close()
    assert not refused, f"the Content Security Policy refused: {refused}"
    assert not inaccessible, "axe-core found, by page:\n" + _listed(inaccessible)


def _listed(found: dict[str, list[str]]) -> str:
    return "\n".join(f"{page}\n  " + "\n  ".join(problems) for page, problems in found.items())


def _csp_refusal(message, refused: list) -> None:
    """Every browser test also checks that no page needs what the CSP forbids."""
    if "Content Security Policy" in message.text:
        refused.append(message.text)


@pytest.fixture
def screenshot():
    """Save a screenshot of the page under var/screenshots/NAME.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A Redis server of the test run's own (Debian's redis-server), on a free port."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail(
            "redis-server is missing: run `make system-deps` (apt-get install redis-server)"
        )
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(  # noqa: S603 (Debian's redis-server, our own arguments)
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as knock:
            if knock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def s3_endpoint():
    """An S3-compatible server of the test run's own (moto's, over HTTP on a free port)."""
    import logging

    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class ObjectStorage:
    """Files kept in a bucket of that server, through django-storages, encrypted above."""

    def __init__(self, settings, endpoint: str):
        self.settings, self.endpoint = settings, endpoint
        self.options: dict = {}
        self.new_bucket()

    def new_bucket(self) -> None:
        """Point the instance at a new, empty bucket."""
        import uuid

        import boto3

        self.options = {
            "bucket_name": f"idara-{uuid.uuid4().hex[:12]}",
            "endpoint_url": self.endpoint,
            "access_key": "idara-tests",
            "secret_key": "idara-tests",
            "region_name": "us-east-1",
            "file_overwrite": False,
        }
        boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=self.options["access_key"],
            aws_secret_access_key=self.options["secret_key"],
            region_name=self.options["region_name"],
        ).create_bucket(Bucket=self.options["bucket_name"])
        self.settings.STORAGES = self.settings.STORAGES | {
            "default": {
                "BACKEND": "idara.vault.storage.EncryptedStorage",
                "OPTIONS": {"backend": "storages.backends.s3.S3Storage", **self.options},
            }
        }


@pytest.fixture
def object_storage(settings, s3_endpoint):
    return ObjectStorage(settings, s3_endpoint)
