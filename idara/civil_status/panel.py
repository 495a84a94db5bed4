"""What the agent's dossier page shows of an order from the register: the act it names,
what differs between the request and the act, the relation, and the fee."""

from dataclasses import dataclass

from idara.civil_status.models import Act
from idara.civil_status.ordering import mismatches, order_for, relation_errors, requested_act
from idara.civil_status.selectors import holds_register
from idara.payments.selectors import is_settled, paid


@dataclass(frozen=True)
class RegisterPanel:
    held: bool
    act: Act | None
    mismatches: list
    relation_problem: str
    settled: bool
    payment: object


def panel_for(dossier) -> RegisterPanel | None:
    """None for a procedure that is not issued from the register."""
    order = order_for(dossier.procedure.slug)
    if order is None:
        return None
    act = requested_act(dossier.collectivity, dossier.procedure.slug, dossier.data)
    relation = (
        relation_errors(dossier.applicant, act, dossier.data.get("relation")).get("relation", [""])
        if act
        else [""]
    )
    return RegisterPanel(
        held=holds_register(dossier.collectivity),
        act=act,
        mismatches=mismatches(order, act, dossier.data) if act else [],
        relation_problem=relation[0],
        settled=is_settled(dossier),
        payment=paid(dossier),
    )
