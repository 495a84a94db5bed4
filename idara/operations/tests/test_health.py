"""Issue 13: "Health and readiness endpoints that check the database, the broker and the
storage; metrics in Prometheus format (requests, latencies, filings, overdue dossiers, queue
depth)"."""

import socket
from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from idara.dossiers.models import Dossier
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing

pytestmark = pytest.mark.django_db


def test_a_live_process_says_so(client):
    assert client.get("/health/live").json() == {"status": "live"}


def test_ready_when_database_and_storage_answer(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    answer = client.get("/health/ready")
    assert answer.status_code == 200
    assert answer.json() == {
        "status": "ready",
        "checks": {"database": "ok", "broker": "not used", "storage": "ok"},
    }
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # the probe file is gone


def test_not_ready_names_the_broker_it_cannot_reach(client, settings):
    with socket.socket() as probe:  # a port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CELERY_TASK_ALWAYS_EAGER = False
    from idara.celery import app

    app.conf.broker_url = f"redis://127.0.0.1:{port}/0"
    try:
        answer = client.get("/health/ready")
    finally:
        app.conf.broker_url = settings.CELERY_BROKER_URL
    assert answer.status_code == 503
    assert answer.json()["checks"] == {"database": "ok", "broker": "failing", "storage": "ok"}
    assert "Traceback" not in answer.content.decode()


def test_not_ready_when_the_storage_refuses(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "readiness").write_text("a file where the probes' folder should be")
    answer = client.get("/health/ready")
    assert answer.status_code == 503
    assert answer.json()["checks"]["storage"] == "failing"


def _figures(client, **headers) -> dict:
    answer = client.get("/metrics", **headers)
    assert answer.status_code == 200, answer.status_code
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.content.decode())
        for sample in family.samples
    }


def test_metrics_count_requests_filings_and_overdue_dossiers(client, offered, citizen):
    file_dossier(citizen, citizen, demolition_filing(offered))
    late, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    Dossier.objects.filter(pk=late.pk).update(due_on=timezone.localdate() - timedelta(days=1))
    client.get("/health/live")
    figures = _figures(client, REMOTE_ADDR="127.0.0.1")
    assert figures[("idara_receipts_total", ())] == 2
    assert figures[("idara_dossiers_overdue", ())] == 1
    assert figures[("idara_dossiers_open", ())] == 2
    assert (
        figures[("idara_http_requests_total", (("route", "operations:live"), ("status", "2xx")))]
        >= 1
    )
    assert figures[("idara_http_request_seconds_count", (("route", "operations:live"),))] >= 1


def test_metrics_are_for_prometheus_only(client, settings):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    through_proxy = client.get("/metrics", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="x")
    assert through_proxy.status_code == 404
    settings.METRICS_TOKEN = "a-long-scrape-token"
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    wrong = client.get("/metrics", HTTP_AUTHORIZATION="Bearer guess")
    assert wrong.status_code == 404
    assert _figures(client, HTTP_AUTHORIZATION="Bearer a-long-scrape-token")


def test_queue_depth_is_read_from_redis(client, settings, redis_url):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = redis_url
    from idara.celery import app

    app.conf.broker_url = redis_url
    try:
        with app.connection_for_write() as link:
            link.default_channel.client.delete("celery")
            link.default_channel.client.lpush("celery", "a", "b", "c")
        figures = _figures(client, REMOTE_ADDR="127.0.0.1")
        with app.connection_for_write() as link:
            link.default_channel.client.delete("celery")
    finally:
        app.conf.broker_url = "memory://"
    assert figures[("idara_tasks_waiting", (("queue", "celery"),))] == 3
