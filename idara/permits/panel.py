"""What the agent deciding a permit sees beside the dossier: each body of the commission and
where its opinion stands, whether a decision may be taken now and why not, and the fee."""

from dataclasses import dataclass

from django.utils import timezone

from idara.dossiers.states import TransitionRefused
from idara.payments.selectors import is_settled, paid
from idara.permits.commission import Standing, check_decision, commission_of, commission_standing


@dataclass(frozen=True)
class PermitPanel:
    standing: list[Standing]
    accept_blocked: str  # why the president may not accept yet; empty when he may
    refuse_blocked: str
    payment: object
    settled: bool


def _blocked(dossier, action: str) -> str:
    try:
        check_decision(dossier, action)
    except TransitionRefused as refused:
        return refused.message
    return ""


def panel_for(dossier) -> PermitPanel | None:
    if commission_of(dossier) is None:
        return None
    return PermitPanel(
        standing=commission_standing(dossier, timezone.localdate()),
        accept_blocked=_blocked(dossier, "accept"),
        refuse_blocked=_blocked(dossier, "refuse"),
        payment=paid(dossier),
        settled=is_settled(dossier),
    )
