"""Acting for someone else: the representative gives the mandate (the architect's order number,
or the document: a parent's family record, a power of attorney), files under it, and follows
the dossier beside the person represented; the agent who receives the dossier checks the
mandate before any decision; either person withdraws it."""

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.dossiers.states import TransitionRefused
from idara.identity import proofs
from idara.identity.models import MANDATE_IN_FORCE, Mandate, MandateKind, MandateState
from idara.identity.services import person_by_national_id
from idara.notifications.services import notify


@transaction.atomic
def give_mandate(representative, *, kind, national_id, full_name, full_name_ar, **proof):
    """A mandate to act for the person of that CNIE, to be checked by the agent."""
    errors = {}
    if national_id == representative.national_id:
        errors["national_id"] = _("This is your own CNIE number: file for yourself instead.")
    checked = _proof_errors(kind, proof, errors)
    if errors:
        raise proofs.FieldsRefused(errors)
    represented = person_by_national_id(
        representative, national_id=national_id, full_name=full_name, full_name_ar=full_name_ar
    )
    mandate = Mandate(
        representative=representative,
        represented=represented,
        kind=kind,
        order_number=proof.get("order_number", "") if kind == MandateKind.ARCHITECT else "",
    )
    if checked is not None:
        proofs.keep_document(mandate, checked)
    mandate.save()
    record(representative, "mandate.given", mandate, data={"kind": kind})
    return mandate


def _proof_errors(kind, proof, errors):
    """The architect gives their order number; the others the document."""
    if kind == MandateKind.ARCHITECT:
        if not proof.get("order_number", "").strip():
            errors["order_number"] = _("Give your order number at the Order of Architects.")
        return None
    document = proof.get("document")
    if document is None:
        errors["document"] = _("Attach the document that gives you the mandate.")
        return None
    return proofs.checked_document(document, errors)


def in_force_for(user) -> QuerySet[Mandate]:
    """The mandates the user may file under."""
    return Mandate.objects.filter(representative=user, state__in=MANDATE_IN_FORCE).select_related(
        "represented"
    )


def of_person(user) -> QuerySet[Mandate]:
    """Every mandate the user gave or is represented by, for their space."""
    return Mandate.objects.filter(Q(representative=user) | Q(represented=user)).select_related(
        "representative", "represented"
    )


@transaction.atomic
def withdraw(actor, mandate: Mandate) -> None:
    """Either person ends the mandate: the representative no longer sees or files anything
    under it; what was filed stays the represented person's."""
    if actor.pk not in (mandate.representative_id, mandate.represented_id):
        raise TransitionRefused(_("Only the two persons of a mandate may withdraw it."))
    if not mandate.in_force:
        return
    mandate.state, mandate.withdrawn_at, mandate.withdrawn_by = (
        MandateState.WITHDRAWN,
        timezone.now(),
        actor,
    )
    mandate.save(update_fields=["state", "withdrawn_at", "withdrawn_by"])
    record(actor, "mandate.withdrawn", mandate)


def check(agent, mandate: Mandate, *, valid: bool, reason: str = "") -> None:
    proofs.record_check(agent, mandate, valid=valid, reason=reason)
    if not valid:
        notify(
            mandate.representative,
            _("Idara: your mandate was refused"),
            _("The agent refused the mandate you gave: %(reason)s") % {"reason": reason},
        )
