"""What a load balancer or an orchestrator asks before sending traffic: can this instance
reach its database, its broker and its file storage? Each check answers "ok" or raises."""

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection

PROBE = b"idara readiness probe"


def database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def broker() -> str:
    """The Celery broker; a single-machine install without one runs its tasks in-process."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not used"
    from idara.celery import app

    with app.connection_for_write() as link:
        link.ensure_connection(max_retries=1, interval_start=0, timeout=2)
    return "ok"


def storage() -> str:
    """Write, read back and remove a small file: the storage takes and gives files."""
    name = default_storage.save(f"readiness/{uuid.uuid4().hex}", ContentFile(PROBE))
    try:
        with default_storage.open(name) as stored:
            if stored.read() != PROBE:
                raise OSError("the storage gave back other bytes than it took")
    finally:
        default_storage.delete(name)
    return "ok"


CHECKS = {"database": database, "broker": broker, "storage": storage}
