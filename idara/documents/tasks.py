from celery import shared_task


@shared_task(ignore_result=True)
def make_issued_pdf(document_id: int) -> None:
    from idara.documents.issuing import issued_pdf
    from idara.documents.models import IssuedDocument

    issued_pdf(IssuedDocument.objects.get(pk=document_id))


@shared_task(ignore_result=True)
def remove_stale_uploads() -> None:
    from idara.documents.resumable import remove_stale

    remove_stale()
