"""Once-only (R11, Law 55-19 art. 23-24): documents the administration holds (the collectivity's
register, Idara's issued permits, another administration through a connector) are obtained by
it, with the applicant's prior consent, not asked of them. A module that holds documents
registers a supplier; filing offers what the suppliers hold, document by document, and obtains
what the applicant consents to (dossiers.services.fetches)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class HeldDocument:
    name: str  # the stored file's name, e.g. "extrait-acte-naissance.pdf"
    draw: Callable[[], bytes]  # the PDF, drawn only when the filing is committed
    source: str  # where it comes from, for the audit log
    holder: tuple[str, str]  # who holds it, as the applicant reads it: (French, Arabic)


class NotObtained(Exception):
    """A held document that could not be obtained, and why, in words for the applicant."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


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
    """R11: a document the administration obtains is not asked of the applicant."""
    return document_code in held


def consented(held: dict[str, HeldDocument], consents) -> dict[str, HeldDocument]:
    """R11 (art. 23): "with the user's prior consent": only the documents the applicant agreed
    the administration obtains for them."""
    return {code: document for code, document in held.items() if code in set(consents)}


def holder_name(document: HeldDocument, language: str) -> str:
    french, arabic = document.holder
    return arabic if language == "ar" and arabic else french
