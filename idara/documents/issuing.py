"""Issuing decisions and attestations (L7, L8): a PDF with its QR code, made once and kept."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation

from idara.catalog.form_schema import readable_answers
from idara.documents.models import IssuedDocument, Kind
from idara.documents.pdf import drawn_once, new_verification_code, verification
from idara.documents.signing import has_signing_key, sign_pdf
from idara.dossiers.appeal_route import appeal_route
from idara.dossiers.models import Verdict
from idara.dossiers.selectors import refusal_appeal_last_day
from idara.payments.selectors import amount_due


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


@dataclass(frozen=True)
class Drawing:
    template: str
    context: Callable[[IssuedDocument], dict]


# The documents other modules issue (civil-status extracts...) say how they are drawn.
_DRAWINGS: dict[str, Drawing] = {}


def register_drawing(kind: str, template: str, context: Callable[[IssuedDocument], dict]):
    _DRAWINGS[kind] = Drawing(template, context)


# What an acceptance issues, where it is more than the decision (a permit): procedure slug -> kind.
_ON_ACCEPTANCE: dict[str, str] = {}


def issue_on_acceptance(slugs, kind: str) -> None:
    for slug in slugs:
        _ON_ACCEPTANCE[slug] = kind


def kind_on_acceptance(dossier) -> str:
    return _ON_ACCEPTANCE.get(dossier.procedure.slug, Kind.ACCEPTANCE)


def issued_pdf(document: IssuedDocument) -> bytes:
    """Drawn once; signed with the issuer's key (PAdES) where the issuer has one."""
    drawing = _DRAWINGS.get(document.kind, Drawing("documents/issued_pdf.html", _context))
    seal = (
        (lambda content: sign_pdf(content, document.issuer))
        if has_signing_key(document.issuer)
        else None
    )
    return drawn_once(
        document, drawing.template, drawing.context, f"issued-{document.pk}.pdf", seal=seal
    )


def draw_again_when_notified(document: IssuedDocument) -> None:
    """R7: "The decision document carries ... the date it was notified": once the refusal
    reached the applicant it is drawn again with that day (and the appeal's last day), under
    the same verification code; the drawing made before, if any, is kept."""
    kept = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if kept.pdf:
        kept.before_notice_pdf, kept.before_notice_pdf_sha256 = kept.pdf, kept.pdf_sha256
        kept.pdf, kept.pdf_sha256 = None, ""
        kept.save(
            update_fields=["before_notice_pdf", "before_notice_pdf_sha256", "pdf", "pdf_sha256"]
        )
    transaction.on_commit(lambda: _schedule(kept.pk))


def _context(document: IssuedDocument) -> dict:
    dossier = document.dossier
    return {
        "document": document,
        "dossier": dossier,
        "version": dossier.procedure_version,
        "refusal": document.kind == Kind.REFUSAL,
        "notified_on": dossier.refusal_received_on,
        "appeal_last_day": refusal_appeal_last_day(dossier),
        "appeal_route_ar": appeal_route(dossier.collectivity, dossier.appeal_days, "ar"),
        "appeal_route_fr": appeal_route(dossier.collectivity, dossier.appeal_days, "fr"),
        "tacit": document.kind == Kind.TACIT_ACCEPTANCE,
        "attestation": _attestation(document),
        **_accepted(dossier),
        **verification(document.verification_code),
    }


def _accepted(dossier) -> dict:
    """What an acceptance accepts (the application's answers, in both languages), under which
    conditions (the opinions favourable with conditions), and what is left to do (the fee)."""
    schema = dossier.procedure_version.form_schema
    with translation.override("ar"):
        answers_ar = readable_answers(schema, dossier.data)
    with translation.override("fr"):
        answers_fr = readable_answers(schema, dossier.data)
    return {
        "accepted_answers": [
            (label_ar, label_fr, value_fr if value_ar == value_fr else f"{value_ar} / {value_fr}")
            for (label_ar, value_ar), (label_fr, value_fr) in zip(
                answers_ar, answers_fr, strict=True
            )
        ],
        "conditions": dossier.opinions.filter(verdict=Verdict.CONDITIONS).select_related(
            "asked_service"
        ),
        "fee_due": amount_due(dossier),
    }


# R8 (decree 2-22-141 annex 2): the attestation is signed by the wali of the region or the
# governor of the prefecture or province, named by the unit's kind.
_GOVERNOR_TITLES = {
    "region": ("والي جهة", "Le wali de la région"),
    "prefecture": ("عامل عمالة", "Le gouverneur de la préfecture"),
    "province": ("عامل إقليم", "Le gouverneur de la province"),
}


def _attestation(document: IssuedDocument) -> dict | None:
    """What annex 2 of decree 2-22-141 cites: the request for the attestation and its date, the
    application, its number and date, the governor's letter to the president, its number and
    date, and who signs."""
    if document.kind != Kind.TACIT_ACCEPTANCE:
        return None
    request = document.dossier.attestation_requests.order_by("submitted_at").first()
    title_ar, title_fr = _GOVERNOR_TITLES.get(document.issuer.kind, ("", ""))
    return {"request": request, "title_ar": title_ar, "title_fr": title_fr}
