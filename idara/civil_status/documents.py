"""How an extract or a full copy is drawn: from the act as it stood when it was issued."""

from idara.documents.issuing import register_drawing
from idara.documents.models import IssuedDocument, Kind
from idara.documents.pdf import verification

TEMPLATE = "civil_status/act_pdf.html"


def context(document: IssuedDocument) -> dict:
    return {
        "document": document,
        "act": document.civil_delivery.snapshot,
        "full_copy": document.kind == Kind.CIVIL_COPY,
        "dossier": document.dossier,
        **verification(document.verification_code),
        "drawn_at": document.issued_at,
    }


def register() -> None:
    for kind in (Kind.CIVIL_EXTRACT, Kind.CIVIL_COPY):
        register_drawing(kind, TEMPLATE, context)
