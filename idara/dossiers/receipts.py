"""L4: the receipt's PDF, made once and kept, so that it is always the same bytes."""

from idara.documents.pdf import drawn_once, qr_svg, verification_url
from idara.dossiers.models import Receipt


def receipt_pdf(receipt: Receipt) -> bytes:
    return drawn_once(
        receipt, "dossiers/receipt_pdf.html", receipt_context, f"receipt-{receipt.pk}.pdf"
    )


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
