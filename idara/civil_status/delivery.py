"""Issuing an extract or a full copy from the register: the agent's one action, once the
request is checked against the act and the fee is paid."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from idara.civil_status.models import Delivery
from idara.civil_status.ordering import no_act_message, order_for, relation_errors, requested_act
from idara.documents.models import IssuedDocument
from idara.documents.signing import has_signing_key
from idara.dossiers import selectors as dossier_selectors
from idara.dossiers import services as dossier_services
from idara.dossiers.states import TransitionRefused
from idara.payments.selectors import is_settled


def deliver(agent, dossier) -> IssuedDocument | None:
    """Accept the order and issue the document, signed, from the act as it stands now."""
    if not dossier_selectors.is_agent_of(agent, dossier):
        raise PermissionDenied(_("You may not act on this dossier."))
    order = order_for(dossier.procedure.slug)
    if order is None:
        raise TransitionRefused(_("This procedure is not issued from the register."))
    if dossier.practice:  # training: the decision, and nothing issued nor checked
        dossier_services.accept(agent, dossier)
        return None
    act = requested_act(dossier.collectivity, dossier.procedure.slug, dossier.data)
    if act is None:
        raise TransitionRefused(no_act_message(dossier.data))
    refused = relation_errors(dossier.applicant, act, dossier.data.get("relation"))
    if refused:
        raise TransitionRefused(refused["relation"][0])
    if not is_settled(dossier):
        raise TransitionRefused(_("The fee is not paid yet: the document is issued once paid."))
    if not has_signing_key(dossier.collectivity):
        raise TransitionRefused(
            _("The bureau has no signing key yet: its administrator must have one made.")
        )
    with transaction.atomic():
        dossier = dossier_services.accept(agent, dossier, issuing=order.document_kind)
        issued = dossier.issued.get(kind=order.document_kind)
        Delivery.objects.create(issued=issued, act=act, snapshot=snapshot(act))
    return issued


def snapshot(act) -> dict:
    """The act as it stands, with its marginal notes, for the document drawn from it."""
    fields = {
        f.name: (str(getattr(act, f.name)) if getattr(act, f.name) is not None else "")
        for f in act._meta.concrete_fields
        if f.name not in ("id", "bureau", "entered_at", "entered_by")
    }
    notes = [
        {"kind": n.kind, "on": n.on.isoformat(), "text_ar": n.text_ar, "text_fr": n.text_fr}
        for n in act.notes.all()
    ]
    return fields | {
        "bureau_ar": act.bureau.name_ar,
        "bureau_fr": act.bureau.name_fr,
        "notes": notes,
    }
