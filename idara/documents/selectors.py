"""Public verification of what Idara issued, by the code printed under its QR code."""

from dataclasses import dataclass
from datetime import datetime

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


def verify(code: str) -> Verification:
    receipt = receipt_by_code(code) if code else None
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
