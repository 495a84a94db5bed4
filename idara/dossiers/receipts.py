"""L4: the receipt's PDF, made once and kept, so that it is always the same bytes."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from idara.documents.pdf import qr_svg, render_pdf, sha256
from idara.dossiers.models import Receipt


def verification_url(code: str) -> str:
    return settings.PUBLIC_BASE_URL + reverse("verify", args=[code])


def receipt_pdf(receipt: Receipt) -> bytes:
    """The receipt's PDF: drawn the first time, read back every time after."""
    with transaction.atomic():
        receipt = Receipt.objects.select_for_update().get(pk=receipt.pk)
        if not receipt.pdf:
            content = render_pdf("dossiers/receipt_pdf.html", receipt_context(receipt))
            receipt.pdf.save(f"receipt-{receipt.pk}.pdf", ContentFile(content), save=False)
            receipt.pdf_sha256 = sha256(content)
            receipt.save(update_fields=["pdf", "pdf_sha256"])
            return content
    with receipt.pdf.open("rb") as f:
        return f.read()


def receipt_context(receipt: Receipt) -> dict:
    dossier = receipt.dossier
    url = verification_url(receipt.verification_code)
    return {
        "receipt": receipt,
        "dossier": dossier,
        "version": dossier.procedure_version,
        "files": dossier.files.filter(purpose="filing"),
        "verify_url": url,
        "qr": qr_svg(url),
    }
