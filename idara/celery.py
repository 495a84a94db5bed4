"""Celery on Redis in production; without CELERY_BROKER_URL tasks run inline (settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idara.settings")

app = Celery("idara")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
