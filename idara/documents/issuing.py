"""Issuing decisions and attestations (L7, L8): a PDF with its QR code, made once and kept."""

from django.db import transaction
from django.utils import timezone

from idara.documents.models import IssuedDocument, Kind
from idara.documents.pdf import drawn_once, new_verification_code, qr_svg, verification_url


def issue(dossier, kind: str, issuer) -> IssuedDocument:
    """Record the document in the caller's transaction; its PDF is drawn after commit."""
    document, _created = IssuedDocument.objects.get_or_create(
        dossier=dossier,
        kind=kind,
        defaults={
            "issuer": issuer,
            "verification_code": new_verification_code(),
            "issued_at": timezone.now(),
        },
    )
    transaction.on_commit(lambda: _schedule(document.pk))
    return document


def _schedule(document_id: int) -> None:
    from idara.documents.tasks import make_issued_pdf

    make_issued_pdf.delay(document_id)


def issued_pdf(document: IssuedDocument) -> bytes:
    return drawn_once(document, "documents/issued_pdf.html", _context, f"issued-{document.pk}.pdf")


def _context(document: IssuedDocument) -> dict:
    url = verification_url(document.verification_code)
    dossier = document.dossier
    return {
        "document": document,
        "dossier": dossier,
        "version": dossier.procedure_version,
        "refusal": document.kind == Kind.REFUSAL,
        "tacit": document.kind == Kind.TACIT_ACCEPTANCE,
        "supervisor": dossier.collectivity.parent,
        "verify_url": url,
        "qr": qr_svg(url),
    }
