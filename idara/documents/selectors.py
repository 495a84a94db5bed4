"""Public verification of what Idara issued, by the code printed under its QR code."""

from dataclasses import dataclass
from datetime import datetime

from idara.documents import codes
from idara.documents.issuing import issued_pdf
from idara.documents.models import IssuedDocument
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.selectors import receipt_by_code


@dataclass(frozen=True)
class Verification:
    valid: bool
    kind: str | None = None
    reference: str | None = None
    issued_at: datetime | None = None
    collectivity: str | None = None
    collectivity_name_fr: str | None = None
    collectivity_name_ar: str | None = None
    sha256: str | None = None


def verify(typed: str) -> Verification:
    """What the code typed, pasted or read from a QR code verifies (documents.codes)."""
    for code in codes.candidates(typed or ""):
        verified = _verify_receipt(code)
        if not verified.valid:
            verified = _verify_issued(code)
        if verified.valid:
            return verified
    return Verification(valid=False)


def _verify_receipt(code: str) -> Verification:
    receipt = receipt_by_code(code)
    if receipt is None:
        return Verification(valid=False)
    if not receipt.pdf_sha256:
        receipt_pdf(receipt)
        receipt.refresh_from_db()
    return Verification(
        valid=True,
        kind="receipt",
        reference=receipt.dossier.reference,
        issued_at=receipt.issued_at,
        collectivity=receipt.collectivity.code,
        collectivity_name_fr=receipt.collectivity.name_fr,
        collectivity_name_ar=receipt.collectivity.name_ar,
        sha256=receipt.pdf_sha256,
    )


def _verify_issued(code: str) -> Verification:
    document = (
        IssuedDocument.objects.select_related("dossier", "issuer")
        .filter(verification_code=code)
        .first()
    )
    if document is None:
        return Verification(valid=False)
    if not document.pdf_sha256:
        issued_pdf(document)
        document.refresh_from_db()
    return Verification(
        valid=True,
        kind=document.kind,
        reference=document.dossier.reference,
        issued_at=document.issued_at,
        collectivity=document.issuer.code,
        collectivity_name_fr=document.issuer.name_fr,
        collectivity_name_ar=document.issuer.name_ar,
        sha256=document.pdf_sha256,
    )


def verify_file(sha256: str) -> Verification:
    """Whether a PDF with this SHA-256 is a receipt or a document Idara issued."""
    found = IssuedDocument.objects.filter(pdf_sha256=sha256).first() if sha256 else None
    if found is not None:
        return _verify_issued(found.verification_code)
    from idara.dossiers.models import Receipt

    receipt = Receipt.objects.filter(pdf_sha256=sha256).first() if sha256 else None
    return verify(receipt.verification_code) if receipt else Verification(valid=False)
