"""The proof that someone may act for another (a mandate, a company's representative) is read
and checked by an agent of a service that received an application filed under it; nothing is
decided on that application before."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers.selectors import agent_service_ids
from idara.dossiers.states import TransitionRefused
from idara.dossiers.uploads import UploadRefused, check_upload
from idara.identity.models import MandateState


class FieldsRefused(Exception):
    """{field: message} in the person's language; nothing was kept."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors

    def show_on(self, form) -> None:
        for field, message in self.errors.items():
            form.add_error(field, message)


DOCUMENT_TYPES = ["application/pdf", "image/jpeg", "image/png"]
DOCUMENT_MAX_MB = 10


def checked_document(document, errors: dict, field: str = "document"):
    """The uploaded proof checked as every upload is, or None with the reason in `errors`."""
    try:
        return check_upload(document, DOCUMENT_TYPES, DOCUMENT_MAX_MB)
    except UploadRefused as refusal:
        errors[field] = refusal.message
        return None


def keep_document(holder, checked) -> None:
    """Stored encrypted (the default storage), named by its hash."""
    holder.document_sha256 = checked.sha256
    extension = checked.content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
    holder.document.save(f"{checked.sha256[:24]}.{extension}", checked.upload, save=False)


def may_check(agent, holder) -> bool:
    return holder.dossiers.filter(service_id__in=agent_service_ids(agent)).exists()


@transaction.atomic
def record_check(agent, holder, *, valid: bool, reason: str) -> None:
    """Found valid, or refused with the reason the person is told."""
    if not may_check(agent, holder):
        raise TransitionRefused(_("Only an agent of a service it was filed with checks it."))
    if holder.state != MandateState.TO_CHECK:
        raise TransitionRefused(_("This proof was already checked, or withdrawn."))
    if not valid and len(reason.strip()) < 20:
        raise TransitionRefused(_("Say in writing why the proof is refused (20 characters)."))
    holder.state = MandateState.CHECKED if valid else MandateState.REFUSED
    holder.checked_by, holder.checked_at = agent, timezone.now()
    holder.refusal_reason = "" if valid else reason.strip()
    holder.save()
    record(agent, f"{holder._meta.model_name}.checked", holder, data={"valid": valid})


def check_decision(dossier, action: str) -> None:
    """Registered with the decision checks: nothing is decided on an application filed under a
    proof the agent has not found valid."""
    if dossier.mandate_id and dossier.mandate.state != MandateState.CHECKED:
        raise TransitionRefused(_("Check the mandate it was filed under first."))
    if dossier.company_id and dossier.company.state != MandateState.CHECKED:
        raise TransitionRefused(_("Check the proof that the company is represented first."))
