"""R2 (Law 55-19 art. 7): "A declaration on honour (تصريح بالشرف) may replace a document where
the fiche says so." The applicant ticks it instead of sending the document; the platform draws
the declaration, in Arabic and French, with who made it, when, and what it replaces, and keeps it
with the dossier's files and its SHA-256 like any document."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.catalog.rules import sworn_statement_may_replace
from idara.documents.pdf import render_pdf
from idara.dossiers.models import Purpose
from idara.dossiers.uploads import check_upload

TEMPLATE = "dossiers/sworn_statement_pdf.html"
MAX_MB = 5


def errors(filing, documents: dict) -> dict[str, list[str]]:
    """{code: [messages]} for declarations the fiche does not allow, or sent with the document
    they replace."""
    found: dict[str, list[str]] = {}
    for code in filing.sworn_statements:
        document = documents.get(code)
        if document is None or not sworn_statement_may_replace(document.source):
            found[code] = [_("A declaration on honour cannot replace this document.")]
        elif code in filing.files:
            found[code] = [_("Send the document or declare on honour, not both.")]
    return found


def declarations(applicant, filing, fiche) -> list:
    """The declarations drawn and checked like uploads, with their purpose (checked already by
    `errors`: each replaces a document of the fiche that allows it)."""
    documents = {d.source.code: d.source for d in fiche.documents}
    made_at = timezone.now()
    return [
        (
            code,
            check_upload(
                _drawn(applicant, documents[code], fiche, made_at), ["application/pdf"], MAX_MB
            ),
            Purpose.SWORN,
        )
        for code in filing.sworn_statements
    ]


def _drawn(applicant, document, fiche, made_at) -> SimpleUploadedFile:
    context = {
        "applicant": applicant,
        "document": document,
        "version": fiche.version,
        "collectivity": fiche.offering.collectivity if fiche.offering else None,
        "made_at": made_at,
    }
    return SimpleUploadedFile(
        f"{document.code}.pdf", render_pdf(TEMPLATE, context), "application/pdf"
    )
