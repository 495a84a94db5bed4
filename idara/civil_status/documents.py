"""How an extract or a full copy is drawn: from the act as it stood when it was issued."""

from idara.documents.issuing import register_drawing
from idara.documents.models import IssuedDocument, Kind
from idara.documents.pdf import qr_svg, verification_url

TEMPLATE = "civil_status/act_pdf.html"


def context(document: IssuedDocument) -> dict:
    url = verification_url(document.verification_code)
    return {
        "document": document,
        "act": document.civil_delivery.snapshot,
        "full_copy": document.kind == Kind.CIVIL_COPY,
        "dossier": document.dossier,
        "verify_url": url,
        "qr": qr_svg(url),
        "drawn_at": document.issued_at,
    }


def register() -> None:
    for kind in (Kind.CIVIL_EXTRACT, Kind.CIVIL_COPY):
        register_drawing(kind, TEMPLATE, context)
