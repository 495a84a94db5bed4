from celery import shared_task

from idara.notifications.services import deliver, deliver_due


@shared_task(ignore_result=True)
def deliver_message(message_id: int) -> None:
    deliver(message_id)


@shared_task(ignore_result=True)
def deliver_pending() -> None:
    deliver_due()
