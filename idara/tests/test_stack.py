"""Issue 13: "A test suite run against this stack on CI: PostgreSQL and Redis as they run on
the machine, a real Celery worker processing the outbox and the sweep, and object storage
through an S3-compatible server started by the tests."

One instance as production runs it: gunicorn, PostgreSQL through psycopg's pool, a Celery
worker on Redis, the files in an S3 bucket (django-storages). The test speaks to it over HTTP,
sends the scheduled sweep through the broker as beat does, and reads the instance's state from
a subprocess of its own."""

import subprocess
import sys
import time
import uuid
from urllib.parse import urljoin

import boto3
import pytest
import requests
from django.conf import settings

from idara.tests import separate_instance
from idara.tests.separate_instance import (
    POSTGRES,
    Database,
    Server,
    environment,
    filing_request,
    token_request,
)

pytestmark = pytest.mark.skipif(
    not POSTGRES, reason="the production stack is PostgreSQL: make test's PostgreSQL pass runs it"
)
WAIT = 90  # seconds the worker has to do its part: a failure, never a hang
S3_KEYS = {"AWS_ACCESS_KEY_ID": "idara-stack", "AWS_SECRET_ACCESS_KEY": "idara-stack"}


@pytest.fixture(scope="module")
def stack(tmp_path_factory, django_db_blocker, redis_url, s3_endpoint):
    folder = tmp_path_factory.mktemp("stack")
    bucket = f"idara-stack-{uuid.uuid4().hex[:8]}"
    _s3(s3_endpoint).create_bucket(Bucket=bucket)
    env = (
        environment(folder)
        | S3_KEYS
        | {
            "DATABASE_POOL_SIZE": "4",
            "FILE_STORAGE": "s3",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": s3_endpoint,
            "S3_REGION": "us-east-1",
            "CELERY_BROKER_URL": redis_url.rsplit("/", 1)[0] + "/2",
            "REDIS_URL": redis_url.rsplit("/", 1)[0] + "/3",
        }
    )
    with django_db_blocker.unblock():
        database = Database(env, folder, "stack")
    processes = []
    try:
        facts = separate_instance.run("seed", env)
        server = Server(env, folder)
        processes.append(server)
        processes.append(Worker(env, folder))
        yield {"env": env, "facts": facts, "url": server.url, "bucket": bucket, "s3": s3_endpoint}
    finally:
        for process in reversed(processes):
            process.stop()
        database.drop()


def _s3(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
    )


class Worker:
    """`celery -A idara worker`, as deploy/ runs it."""

    def __init__(self, env: dict, folder):
        self.log = (folder / "worker.log").open("wb")
        self.process = subprocess.Popen(  # noqa: S603 (our own command)
            [sys.executable, "-m", "celery", "-A", "idara", "worker", "--concurrency", "2",
             "--loglevel", "info", "--without-gossip", "--without-mingle"],
            env=env, cwd=settings.BASE_DIR, stdout=self.log, stderr=subprocess.STDOUT,
        )  # fmt: skip

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def _file(stack) -> dict:
    token = token_request(stack["url"], stack["facts"]["citizens"][0]).json()["token"]
    answer = filing_request(stack["url"], stack["facts"], token, uuid.uuid4().hex)
    assert answer.status_code == 201, answer.text
    return answer.json() | {"token": token}


def _until(stack, reference: str, done) -> dict:
    """The dossier's state once `done` holds of it, read again until then."""
    deadline = time.monotonic() + WAIT
    while True:
        state = separate_instance.run("dossier", stack["env"], reference)
        if done(state):
            return state
        assert time.monotonic() < deadline, f"the worker did not finish: {state}"
        time.sleep(0.5)


def _object(stack, name: str) -> bytes:
    return _s3(stack["s3"]).get_object(Bucket=stack["bucket"], Key=name)["Body"].read()


def test_the_worker_draws_the_receipt_and_delivers_the_messages(stack):
    filed = _file(stack)
    reference = filed["reference"]
    state = _until(
        stack,
        reference,
        lambda s: s["receipt_pdf"] and s["messages"] and all(m[1] == "sent" for m in s["messages"]),
    )
    assert state["pooled"]  # the instance reaches PostgreSQL through psycopg's pool
    # The receipt's PDF and the filed documents are objects of the bucket, sealed.
    for name in [state["receipt_pdf"], *state["files"]]:
        stored = _object(stack, name)
        assert stored.startswith(b"IDARAENC") and b"%PDF" not in stored[:4096]
    assert len(state["receipt_pdf_sha256"]) == 64
    # And the citizen reads the receipt through the web machines, from the bucket.
    pdf = requests.get(
        urljoin(stack["url"], filed["receipt_url"]),
        headers={"Authorization": f"Bearer {filed['token']}"},
        timeout=30,
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_sweep_sent_through_the_broker_writes_the_tacit_acceptance(stack):
    reference = _file(stack)["reference"]
    separate_instance.run("backdate", stack["env"], reference, "90")
    subprocess.run(  # what beat sends at 00:05 every night
        [sys.executable, "-m", "celery", "-A", "idara", "call",
         "idara.dossiers.tasks.sweep_deadlines"],
        env=stack["env"], cwd=settings.BASE_DIR, check=True, capture_output=True,
    )  # fmt: skip
    state = _until(stack, reference, lambda s: s["status"] == "tacitly_accepted")
    assert state["issued"] == {}  # R8: the act comes when the applicant asks for it


def test_readiness_sees_the_database_the_broker_and_the_bucket(stack):
    answer = requests.get(f"{stack['url']}/health/ready", timeout=30)
    assert answer.status_code == 200
    assert answer.json()["checks"] == {"database": "ok", "broker": "ok", "storage": "ok"}
