"""Issue 10: "Fault tests, bounded and on this machine only: filings in parallel while the
server's workers are killed (SIGKILL) and restarted; afterwards every filing that got a
receipt exists with its files and hashes, no file is left without its dossier, receipt numbers
have no gap or duplicate, and the audit chain verifies. The same with the database restarted
mid-run."

A separate instance (its own database and storage) is served by gunicorn; client threads file
through the API and, like a real client, send again with the same Idempotency-Key whatever
went wrong, until they hold a receipt."""

import os
import random
import shutil
import signal
import subprocess
import threading
import time
import uuid

import pytest
import requests
from django.db import connections

from idara.tests import separate_instance
from idara.tests.separate_instance import (
    POSTGRES,
    Database,
    Server,
    environment,
    filing_request,
    token_request,
)

FILINGS = 24
CLIENTS = 4
TIME_LIMIT = 240  # seconds: a run that cannot finish is a failure, never a hang


@pytest.fixture(scope="module")
def instance(tmp_path_factory, django_db_blocker):
    folder = tmp_path_factory.mktemp("faults")
    env = environment(folder)
    with django_db_blocker.unblock():
        database = Database(env, folder, "faults")
    try:
        facts = separate_instance.run("seed", env)
        server = Server(env, folder)
        yield {"env": env, "facts": facts, "server": server, "filed": set()}
        server.stop()
    finally:
        database.drop()


class Load:
    """Client threads filing at least FILINGS dossiers, and on until the faults are all
    done; each filing is sent again with its key after any failure, until a receipt comes
    back."""

    def __init__(self, instance):
        self.facts = instance["facts"]
        self.url = instance["server"].url
        self.receipts: dict[str, str] = {}
        self.retries = 0
        self.errors: list[str] = []
        self.lock = threading.Lock()
        self.deadline = time.monotonic() + TIME_LIMIT
        self.faults_done = threading.Event()

    def more_wanted(self) -> bool:
        return len(self.receipts) < FILINGS or not self.faults_done.is_set()

    def run(self) -> None:
        threads = [
            threading.Thread(target=self._client, args=(email,))
            for email in self.facts["citizens"][:CLIENTS]
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _client(self, email: str) -> None:
        token = self._insist(lambda: token_request(self.url, email)).json()["token"]
        while self.more_wanted():
            key = uuid.uuid4().hex
            answer = self._insist(lambda key=key: filing_request(self.url, self.facts, token, key))
            with self.lock:
                self.receipts[key] = answer.json()["reference"]

    def _insist(self, send):
        while time.monotonic() < self.deadline:
            try:
                answer = send()
            except requests.RequestException:
                answer = None
            if answer is not None and answer.status_code in (200, 201):
                return answer
            if answer is not None and answer.status_code < 500:
                self.errors.append(f"{answer.status_code}: {answer.text[:300]}")
                raise AssertionError(self.errors[-1])
            with self.lock:
                self.retries += 1
            time.sleep(random.uniform(0.1, 0.5))  # noqa: S311 (spreading retries)
        raise AssertionError("the load did not finish in time")


def _disturbing(load: Load, disturb, times: int) -> int:
    """Run the load while `disturb` acts from another thread, `times` times, spread evenly
    over the filings: the faults strike mid-run however fast this machine files."""
    acted, done = [0], threading.Event()
    marks = [FILINGS * (n + 1) // (times + 1) for n in range(times)]

    def disturb_at_the_marks():
        while acted[0] < times and not done.wait(0.05):
            if len(load.receipts) >= marks[acted[0]] and disturb():
                acted[0] += 1
        load.faults_done.set()

    disturber = threading.Thread(target=disturb_at_the_marks)
    disturber.start()
    try:
        load.run()
    finally:
        done.set()
        disturber.join()
    return acted[0]


def _check_nothing_lost(instance, load: Load) -> None:
    assert not load.errors
    assert len(load.receipts) >= FILINGS
    instance["filed"].update(load.receipts)
    found = separate_instance.run("report", instance["env"])
    print(f"{load.retries} sendings again; {found['orphans_removed']} orphan files removed")
    dossiers = found["dossiers"]
    for key, reference in load.receipts.items():  # every receipt given stands
        assert key in dossiers and dossiers[key]["reference"] == reference
        files = dossiers[key]["files"]
        assert len(files) == len(instance["facts"]["documents"]) and all(files), reference
    assert set(dossiers) == instance["filed"]  # and a filing sent again made no second dossier
    for numbers in found["numbers"].values():  # no gap, no duplicate
        assert numbers == list(range(1, len(numbers) + 1))
    assert found["orphans_left"] == []
    assert found["audit_broken"] is None


def test_filings_survive_workers_killed_mid_flight(instance):
    server = instance["server"]

    def kill_a_worker() -> bool:
        workers = server.workers()
        if not workers:
            return False
        os.kill(random.choice(workers), signal.SIGKILL)  # noqa: S311
        return True

    load = Load(instance)
    kills = _disturbing(load, kill_a_worker, times=3)
    assert kills == 3 and load.retries > 0, "the faults never struck: the test proved nothing"
    _check_nothing_lost(instance, load)


def _postgres_cluster() -> list[str] | None:
    version = sorted(os.listdir("/etc/postgresql"), key=float)[-1]
    if shutil.which("pg_ctlcluster") and os.geteuid() == 0:
        return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]
    return None


@pytest.mark.alone  # the other tests' PostgreSQL goes down with it: make test runs it after them
@pytest.mark.skipif(
    not POSTGRES,
    reason="SQLite is a file inside the workers' own processes: killing them is its restart",
)
def test_filings_survive_the_database_restarted(instance):
    cluster = _postgres_cluster()
    assert cluster, "restarting PostgreSQL needs pg_ctlcluster, run as root (as CI does)"

    def restart() -> bool:
        subprocess.run([*cluster, "restart", "-m", "fast"], check=True, capture_output=True)
        return True

    load = Load(instance)
    try:
        restarts = _disturbing(load, restart, times=2)
    finally:
        connections.close_all()  # this test process's own connection died with the server
    assert restarts == 2 and load.retries > 0, "the faults never struck: the test proved nothing"
    _check_nothing_lost(instance, load)
