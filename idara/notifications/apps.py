from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "idara.notifications"
    verbose_name = "Notifications"

    def ready(self):
        # The Celery app is set up with Django, not on `import idara`, so that pure modules
        # (idara.clock) import without Django or Celery.
        import idara.celery  # noqa: F401
