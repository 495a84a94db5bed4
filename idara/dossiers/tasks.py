from celery import shared_task

from idara.dossiers.receipts import receipt_pdf


@shared_task(ignore_result=True)
def make_receipt_pdf(receipt_id: int) -> None:
    from idara.dossiers.models import Receipt

    receipt_pdf(Receipt.objects.get(pk=receipt_id))


@shared_task(ignore_result=True)
def sweep_deadlines() -> None:
    from django.core.management import call_command

    call_command("sweep_deadlines")
