"""R11 (Law 55-19 art. 23, 24): the documents the administration obtains for the applicant,
"with the user's prior consent, sending the user a copy for approval before use; if one cannot
be obtained, the user is told within 15 days of filing, with the reason, and asked to provide
it"."""

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers.held_documents import HeldDocument, NotObtained
from idara.dossiers.models import DocumentFetch, Dossier, Purpose
from idara.dossiers.services.files import FilingRefused, checked_uploads, document_names, store
from idara.dossiers.services.messages import tell_applicant
from idara.dossiers.services.moves import add_event
from idara.dossiers.states import TransitionRefused
from idara.dossiers.uploads import UploadRefused, check_upload
from idara.text import listed

HELD_MAX_MB = 50


def obtain(held: dict[str, HeldDocument], filing, applicant) -> tuple[list, dict[str, str]]:
    """Obtain, before the filing's transaction, the consented documents the applicant did not
    send themselves: ([(code, checked upload, purpose)], {code: why it could not be had, in the
    applicant's language})."""
    obtained, failures = [], {}
    language = getattr(applicant, "preferred_language", None) or translation.get_language()
    for code, document in held.items():
        if code in filing.files:
            continue
        with translation.override(language):
            _obtain_one(code, document, obtained, failures)
    return obtained, failures


def _obtain_one(code: str, document: HeldDocument, obtained: list, failures: dict) -> None:
    try:
        upload = SimpleUploadedFile(document.name, document.draw(), "application/pdf")
        obtained.append(
            (code, check_upload(upload, ["application/pdf"], HELD_MAX_MB), Purpose.HELD)
        )
    except NotObtained as refusal:
        failures[code] = refusal.reason
    except UploadRefused:
        failures[code] = _("What the administration that holds it sent is not a usable PDF.")


def record_fetches(dossier: Dossier, actor, held: dict, stored: list, failures: dict) -> None:
    """In the filing's transaction: each consented document, obtained (its copy awaits the
    applicant's approval) or not (the applicant is told the same day: `tell_not_obtained`)."""
    files = {kept.document_code: kept for kept in stored if kept.purpose == Purpose.HELD}
    now = timezone.now()
    for code, document in held.items():
        if code not in files and code not in failures:
            continue  # the applicant sent it themselves
        DocumentFetch.objects.create(
            dossier=dossier,
            document_code=code,
            holder_fr=document.holder[0],
            holder_ar=document.holder[1],
            source=document.source,
            consented_at=now,
            file=files.get(code),
            failure=failures.get(code, ""),
            told_on=timezone.localdate(now) if code in failures else None,
        )
        record(
            actor,
            "dossier.document_obtained" if code in files else "dossier.document_not_obtained",
            dossier,
            collectivity=dossier.collectivity,
            data={"document": code, "source": document.source, "consented": True},
        )
    if failures:
        add_event(dossier, "documents_not_obtained", None, documents=list(failures))


def tell_not_obtained(dossier: Dossier, failures: dict) -> None:
    """R11: the applicant is told, after their receipt, what could not be obtained and why."""
    if not failures:
        return
    with translation.override(dossier.applicant.preferred_language):
        names = dict(zip(failures, document_names(dossier, failures), strict=True))
        lines = [f"{names[code]}: {reason}" for code, reason in failures.items()]
        body = _(
            "On %(reference)s the administration could not obtain: %(documents)s. Send them "
            "from your space; the deadline runs meanwhile."
        ) % {"reference": dossier.reference, "documents": " ; ".join(lines)}
        subject = _("Your application %(reference)s") % {"reference": dossier.reference}
    tell_applicant(dossier, subject, body)


def _own(applicant, fetch: DocumentFetch) -> DocumentFetch:
    fetch = DocumentFetch.objects.select_related("dossier__collectivity").get(pk=fetch.pk)
    if fetch.dossier.applicant_id != applicant.pk:
        raise PermissionDenied(_("You may not act on this dossier."))
    return fetch


def approve(applicant, fetch: DocumentFetch) -> DocumentFetch:
    """R11 (art. 24): the applicant approves the copy obtained for them: the agent may rely on
    it from now."""
    fetch = _own(applicant, fetch)
    if not fetch.awaits_approval:
        raise TransitionRefused(_("This document awaits no approval."))
    fetch.approved_on = timezone.localdate()
    fetch.save(update_fields=["approved_on"])
    _recorded(applicant, fetch, "document_approved")
    return fetch


def dispute(applicant, fetch: DocumentFetch, reason: str) -> DocumentFetch:
    """R11: the copy obtained is not right: the applicant says why, and sends their own."""
    fetch = _own(applicant, fetch)
    reason = (reason or "").strip()
    if not fetch.awaits_approval:
        raise TransitionRefused(_("This document awaits no approval."))
    if not reason:
        raise FilingRefused({"dispute": [_("Say what is wrong with this copy.")]})
    fetch.disputed_on, fetch.dispute = timezone.localdate(), reason
    fetch.save(update_fields=["disputed_on", "dispute"])
    _recorded(applicant, fetch, "document_disputed", reason)
    return fetch


def provide(applicant, fetch: DocumentFetch, upload) -> DocumentFetch:
    """R11: the applicant sends the document that could not be obtained, or their own in place
    of a disputed copy, checked against the fiche's limits."""
    fetch = _own(applicant, fetch)
    if not fetch.awaits_document:
        raise TransitionRefused(_("This document was obtained: approve or dispute it first."))
    errors: dict[str, list[str]] = {}
    if upload is None:
        errors[fetch.document_code] = [_("Choose the file to send.")]
    [(code, checked)] = checked_uploads(fetch.dossier, {fetch.document_code: upload}, errors)
    with transaction.atomic():
        kept = store(fetch.dossier, code, checked, applicant, Purpose.REQUESTED)
        fetch.provided = kept
        fetch.save(update_fields=["provided"])
        _recorded(applicant, fetch, "document_provided", kept.sha256)
    return fetch


def _recorded(applicant, fetch: DocumentFetch, kind: str, note: str = "") -> None:
    dossier = fetch.dossier
    add_event(dossier, kind, applicant, note, documents=[fetch.document_code])
    record(
        applicant,
        f"dossier.{kind}",
        dossier,
        collectivity=dossier.collectivity,
        data={"document": fetch.document_code},
    )


def check_decision(dossier, action: str) -> None:
    """Registered with the decision checks (dossiers.apps): R11 (art. 24) "a copy for approval
    before use": no decision while a copy obtained for the applicant awaits their approval."""
    waiting = [f.document_code for f in dossier.fetches.all() if f.awaits_approval]
    if waiting:
        raise TransitionRefused(
            _("The applicant has not yet approved the copy obtained for them of: %(documents)s.")
            % {"documents": listed(document_names(dossier, waiting))}
        )
