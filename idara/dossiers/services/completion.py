"""R3: a file being filed, completed within its 30 days, or returned."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers import after_filing, legal, selectors
from idara.dossiers.models import Dossier, Purpose, Receipt
from idara.dossiers.services.files import checked_uploads, store
from idara.dossiers.services.moves import add_event, check_actor, move, schedule_receipt_pdf
from idara.dossiers.states import APPLICANT_OR_AGENT, TransitionRefused, transition


def complete_file(actor, dossier: Dossier, files: dict) -> Dossier:
    """R3: the missing documents of a file being filed, brought by the applicant (or for them
    at the counter), each once, within the 30 days. With the last, the file is complete: the
    clock starts that day, the receipt is given again under the same number, the user is told."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    transition("complete", dossier.status)
    check_actor(APPLICANT_OR_AGENT, actor, dossier)
    today = timezone.localdate()
    if legal.returned(dossier, today, selectors.holidays_around(dossier.filed_on, today)):
        raise TransitionRefused(_("The 30 days to complete this file have passed: it is returned."))
    missing = selectors.still_missing(dossier)
    errors = {
        c: [_("This document is not missing from the file, or was already brought.")]
        for c in files
        if c not in missing
    }
    if not files:
        errors["__all__"] = [_("Send at least one of the missing documents.")]
    checked = checked_uploads(dossier, files, errors)
    stored = []
    try:
        with transaction.atomic():
            Dossier.objects.select_for_update().get(pk=dossier.pk)  # one completion at a time
            if set(files) - set(selectors.still_missing(dossier)):
                raise TransitionRefused(_("These documents were brought meanwhile."))
            stored = [store(dossier, c, u, actor, Purpose.COMPLETION) for c, u in checked]
            add_event(dossier, "documents_brought", actor, documents=list(files))
            record(
                actor,
                "dossier.documents_brought",
                dossier,
                collectivity=dossier.collectivity,
                data={"documents": list(files), "files": [f.sha256 for f in stored]},
            )
            if not selectors.still_missing(dossier):
                being_filed = _keep_the_being_filed_receipt(dossier)
                dossier = move(dossier, "complete", actor, kind="completed", complete_on=today)
                _give_the_complete_receipt(being_filed)
                after_filing.run(dossier)
    except Exception:
        for kept in stored:
            kept.file.storage.delete(kept.file.name)
        raise
    return dossier


def _keep_the_being_filed_receipt(dossier: Dossier) -> Receipt:
    """R3: the receipt of the file being filed, drawn now if it was not yet (the one the user
    was given), to be kept when the complete file's receipt replaces it."""
    from idara.dossiers.receipts import receipt_pdf

    receipt = Receipt.objects.select_for_update().get(dossier=dossier)
    receipt_pdf(receipt)
    receipt.refresh_from_db()
    return receipt


def _give_the_complete_receipt(receipt: Receipt) -> None:
    """The complete file's receipt, under the same number, replaces the first, kept aside."""
    receipt.being_filed_pdf, receipt.being_filed_pdf_sha256 = receipt.pdf, receipt.pdf_sha256
    receipt.pdf, receipt.pdf_sha256 = None, ""
    receipt.save(update_fields=["being_filed_pdf", "being_filed_pdf_sha256", "pdf", "pdf_sha256"])
    transaction.on_commit(lambda: schedule_receipt_pdf(receipt.pk))


def return_file(dossier: Dossier, today=None) -> bool:
    """R3, R5 (a): write down that a file is returned, still being filed past its 30 days or
    its document to replace not sent in 30 days; False when it is not (so the sweep run
    twice changes nothing the second time)."""
    today = today or timezone.localdate()
    holidays = selectors.holidays_around(dossier.filed_on, today)
    if not legal.returned(dossier, today, holidays):
        return False
    move(
        dossier,
        "return_file",
        None,
        kind="returned",
        said={
            "documents": selectors.still_missing(dossier) or legal.open_request(dossier).documents
        },
    )
    return True
