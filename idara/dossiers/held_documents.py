"""Once-only (LAW.md L3): documents the platform already holds are attached by the
administration, never asked of the citizen again. A module that holds documents (the
civil-status register) registers a supplier; filing attaches what the suppliers hold."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HeldDocument:
    name: str  # the stored file's name, e.g. "extrait-acte-naissance.pdf"
    draw: Callable[[], bytes]  # the PDF, drawn only when the filing is committed
    source: str  # where it comes from, for the audit log


Supplier = Callable[[object, object, object], dict[str, HeldDocument]]
_SUPPLIERS: list[Supplier] = []


def register(supplier: Supplier) -> Supplier:
    if supplier not in _SUPPLIERS:
        _SUPPLIERS.append(supplier)
    return supplier


def held_for(applicant, filing, fiche) -> dict[str, HeldDocument]:
    """{document code: the document the administration attaches} for this filing."""
    held: dict[str, HeldDocument] = {}
    if applicant is None or not applicant.is_authenticated:
        return held
    for supplier in _SUPPLIERS:
        held |= supplier(applicant, filing, fiche)
    return held


def needs_no_attachment(document_code: str, held: dict) -> bool:
    """L3: a document the platform holds is never asked of the citizen."""
    return document_code in held
