from datetime import timedelta

from celery import shared_task

from idara.vault.orphans import remove_orphans


@shared_task
def remove_orphan_files() -> int:
    return len(remove_orphans(timedelta(hours=1)))
