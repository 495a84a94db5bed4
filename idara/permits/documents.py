"""The issued permit: the project as filed, the commission's opinions, the conditions it
must respect, the fee paid; with its QR code, and signed with the commune's key."""

import re

from django.utils import translation

from idara.catalog.form_schema import readable_answers
from idara.documents.issuing import issue_on_acceptance, register_drawing
from idara.documents.models import IssuedDocument, Kind
from idara.documents.pdf import verification
from idara.payments.selectors import paid
from idara.permits.commission import COMMISSIONS, commission_standing, conditions

TEMPLATE = "permits/permit_pdf.html"
ARABIC = re.compile("[\u0600-\u06ff]")
BUILDING_PERMITS = {
    "permis-construire-petits-projets",
    "permis-construire-grands-projets",
    "permis-regularisation",
}


def context(document: IssuedDocument) -> dict:
    dossier = document.dossier
    schema = dossier.procedure_version.form_schema
    answers = {}
    for language in ("ar", "fr"):
        with translation.override(language):
            answers[language] = readable_answers(schema, dossier.data)
    return {
        "document": document,
        "dossier": dossier,
        "version": dossier.procedure_version,
        "project": [
            (fr[0], ar[0], fr[1]) for fr, ar in zip(answers["fr"], answers["ar"], strict=True)
        ],
        "opinions": commission_standing(dossier, document.issued_at.date()),
        # WeasyPrint has no dir="auto": each condition is set in its own script's direction.
        "conditions": [
            (line, "rtl" if ARABIC.search(line) else "ltr") for line in conditions(dossier)
        ],
        "payment": paid(dossier),
        "building": dossier.procedure.slug in BUILDING_PERMITS,
        **verification(document.verification_code),
    }


def register() -> None:
    register_drawing(Kind.PERMIT, TEMPLATE, context)
    issue_on_acceptance(COMMISSIONS, Kind.PERMIT)
