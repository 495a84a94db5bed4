"""gunicorn's settings for Idara (docs/deployment.md): `gunicorn -c deploy/gunicorn.conf.py
idara.wsgi`. Threads cover the waits on the database and the storage; two cores measured best
with 3 workers of 4 threads (docs/performance.md)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 60
graceful_timeout = 30
# A worker is replaced now and then, so that no slow leak lasts.
max_requests = 5000
max_requests_jitter = 500
# nginx in front sets these; gunicorn trusts them from the local proxy only.
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"


def child_exit(server, worker):
    """A worker gone takes its request counts out of /metrics' sum (multiprocess mode)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
