"""Prometheus metrics: requests and their latency, counted as they are answered, and the
figures an operator watches (receipts given, open and overdue dossiers, tasks waiting), read
when Prometheus scrapes. Under gunicorn, set PROMETHEUS_MULTIPROC_DIR so that the workers'
counts are added up (docs/deployment.md)."""

import os

from django.conf import settings
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from idara.operations import selectors

# Not in prometheus_client's global registry: each scrape gathers into its own (see exposition).
REQUESTS = Counter(
    "idara_http_requests",
    "Requests answered, by route and status class",
    ["route", "status"],
    registry=None,
)
LATENCY = Histogram(
    "idara_http_request_seconds",
    "Time to answer a request, by route",
    ["route"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=None,
)


class Figures:
    """Read at each scrape, from the database and the broker."""

    def collect(self):
        yield CounterMetricFamily(
            "idara_receipts", "Receipts given since the start", value=selectors.receipts_given()
        )
        yield GaugeMetricFamily(
            "idara_dossiers_open", "Dossiers open now", value=selectors.open_dossiers()
        )
        yield GaugeMetricFamily(
            "idara_dossiers_overdue",
            "Open dossiers past their legal due date",
            value=selectors.overdue_dossiers(),
        )
        waiting = GaugeMetricFamily(
            "idara_tasks_waiting", "Tasks waiting in the broker's queue", labels=["queue"]
        )
        for queue, depth in _queue_depths().items():
            waiting.add_metric([queue], depth)
        yield waiting


def _queue_depths() -> dict[str, int]:
    """Redis keeps each Celery queue as a list; without a broker nothing waits."""
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL.startswith("redis"):
        return {}
    from idara.celery import app

    queue = app.conf.task_default_queue
    with app.connection_for_read() as link:
        return {queue: link.default_channel.client.llen(queue)}


def exposition() -> bytes:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        for collector in (REQUESTS, LATENCY):
            registry.register(collector)
    registry.register(Figures())
    return generate_latest(registry)
