"""R5: what the administration asks of the applicant after the receipt, and the answer."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.dossiers import legal, selectors
from idara.dossiers.models import Dossier, Purpose
from idara.dossiers.services.files import checked_uploads, store
from idara.dossiers.services.moves import move, not_decided_by_silence
from idara.dossiers.states import TransitionRefused


def request_documents(agent, dossier: Dossier, codes: list[str], note: str = "") -> Dossier:
    """L2: only documents the procedure version lists; L5: once per dossier. The clock stops."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    if dossier.documents_requested_on is not None:
        raise TransitionRefused(
            _("Missing documents were already asked for once: the law allows one request.")
        )
    listed = set(dossier.procedure_version.documents.values_list("code", flat=True))
    codes = list(dict.fromkeys(codes))
    if not codes:
        raise TransitionRefused(_("Name at least one document."))
    unlisted = [c for c in codes if c not in listed]
    if unlisted:
        raise TransitionRefused(
            _("Only the documents the procedure lists may be asked for; not: %(codes)s.")
            % {"codes": ", ".join(unlisted)}
        )
    not_decided_by_silence(dossier)
    today = timezone.localdate()
    if not legal.may_still_ask(dossier, today, selectors.holidays_around(dossier.filed_on, today)):
        raise TransitionRefused(
            _(
                "The first half of the deadline has run: the law allows no request to the "
                "applicant after it (Law 55-19, art. 10 and 14)."
            )
        )
    return move(
        dossier,
        "request_documents",
        agent,
        kind="documents_requested",
        note=note,
        documents_requested=codes,
        documents_request_note=note,
        documents_requested_on=timezone.localdate(),
    )


def send_documents(applicant, dossier: Dossier, files: dict) -> Dossier:
    """The applicant answers the request once, with the documents asked; the clock restarts."""
    dossier = Dossier.objects.select_related("procedure_version").get(pk=dossier.pk)
    asked = set(dossier.documents_requested)
    errors = {c: [_("This document was not asked for.")] for c in files if c not in asked}
    if not files:
        errors["__all__"] = [_("Send the documents that were asked for.")]
    checked = checked_uploads(dossier, files, errors)
    with transaction.atomic():
        dossier = move(
            dossier,
            "send_documents",
            applicant,
            kind="documents_received",
            documents_received_on=timezone.localdate(),
        )
        for code, upload in checked:
            store(dossier, code, upload, applicant, Purpose.REQUESTED)
    return dossier
