"""R3: the receipt's PDF, made once and kept, so that it is always the same bytes: « ملف مودع »
for a complete file, « ملف في طور الإيداع » with the missing documents for a file being filed
(given again, under the same number, when it is complete)."""

from idara.documents.pdf import drawn_once, verification
from idara.dossiers import legal, selectors
from idara.dossiers.appeal_route import appeal_route
from idara.dossiers.models import Purpose, Receipt


def receipt_pdf(receipt: Receipt) -> bytes:
    return drawn_once(
        receipt, "dossiers/receipt_pdf.html", receipt_context, f"receipt-{receipt.pk}.pdf"
    )


def receipt_context(receipt: Receipt) -> dict:
    dossier = receipt.dossier
    return {
        "receipt": receipt,
        "dossier": dossier,
        "version": dossier.procedure_version,
        "files": dossier.files.filter(
            purpose__in=[Purpose.FILING, Purpose.COMPLETION, Purpose.SWORN]
        ),
        "being_filed": legal.clock_started_on(dossier) is None,
        "missing": _missing(dossier),
        "complete_by": selectors.completion_due_on(dossier),
        # R8, R9: a request filed about another dossier says so, and what follows it.
        "appealed": dossier.appeal_of,
        "attested": dossier.attestation_of,
        "appeal_route_ar": appeal_route(dossier.collectivity, dossier.appeal_days, "ar"),
        "appeal_route_fr": appeal_route(dossier.collectivity, dossier.appeal_days, "fr"),
        **verification(receipt.verification_code),
    }


def _missing(dossier) -> list[tuple[str, str]]:
    """The missing documents' names in Arabic and French, as the receipt lists them."""
    documents = {d.code: d for d in dossier.procedure_version.documents.all()}
    found = [documents[c] for c in dossier.missing_documents or [] if c in documents]
    return [(d.name_ar or d.name_fr, d.name_fr) for d in found]
