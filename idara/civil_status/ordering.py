"""Ordering an extract or a copy online: which procedures draw on the register, the act a
request names, and whether the applicant may have it."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from idara.civil_status import selectors
from idara.civil_status.models import Act, ActKind
from idara.civil_status.relations import ALLOWED_RELATIONS, relation_holds
from idara.civil_status.selectors import birth_acts_named, commune_of, holds_register
from idara.documents.models import Kind
from idara.text import fold


@dataclass(frozen=True)
class Order:
    act_kind: str
    document_kind: str
    family_field: str = "family_name"
    given_field: str = "given_name"


ORDERS = {
    "extrait-acte-naissance": Order(ActKind.BIRTH, Kind.CIVIL_EXTRACT),
    "copie-integrale-acte-naissance": Order(ActKind.BIRTH, Kind.CIVIL_COPY),
    "acte-de-deces-copie": Order(
        ActKind.DEATH, Kind.CIVIL_COPY, "deceased_family_name", "deceased_given_name"
    ),
}


def order_for(procedure_slug: str) -> Order | None:
    return ORDERS.get(procedure_slug)


def requested_act(collectivity, procedure_slug: str, data: dict) -> Act | None:
    order = order_for(procedure_slug)
    if order is None:
        return None
    name = f"{data.get(order.given_field, '')} {data.get(order.family_field, '')}"
    return selectors.requested_act(
        collectivity, order.act_kind, data.get("act_number"), data.get("act_year"), name
    )


def no_act_message(data: dict) -> str:
    return _(
        "The register of this bureau holds no such act (number %(number)s of %(year)s). "
        "Check the number and year on your family booklet."
    ) % {"number": data.get("act_number"), "year": data.get("act_year")}


def relation_errors(applicant, act: Act, relation: str) -> dict[str, list[str]]:
    """The relation the applicant declared, against the act: {} when the register bears it."""
    if relation not in ALLOWED_RELATIONS:
        return {
            "relation": [
                _("A legal representative orders at the bureau, with the proof of representation.")
            ]
        }
    name = applicant.full_name or ""
    if relation_holds(relation, name, act, birth_acts_named(commune_of(act.bureau), name)):
        return {}
    return {
        "relation": [
            _(
                "The register does not show you (%(name)s) as the relation you declared of the "
                "person of this act. Only the person, a parent, a spouse or a child may order it; "
                "check the name of your account, or ask at the bureau."
            )
            % {"name": name or "—"}
        ]
    }


def check_order(applicant, filing) -> dict[str, list[str]]:
    """Filing check: where the bureau's register is on the platform, the act must exist and
    the relation must hold; elsewhere the agent checks the paper register."""
    slug = filing.procedure.slug
    if order_for(slug) is None or not holds_register(filing.collectivity):
        return {}
    act = requested_act(filing.collectivity, slug, filing.data)
    if act is None:
        return {"act_number": [no_act_message(filing.data)]}
    return relation_errors(applicant, act, filing.data.get("relation"))


def mismatches(order: Order, act: Act, data: dict) -> list[tuple[str, str, str]]:
    """What the request says and the act does not: (what, requested, in the act)."""
    found = []
    pairs = [
        (
            _("Family name"),
            data.get(order.family_field, ""),
            [act.family_name_fr, act.family_name_ar],
        ),
        (_("Given name"), data.get(order.given_field, ""), [act.given_name_fr, act.given_name_ar]),
    ]
    if "birth_date" in data and act.birth_date:
        pairs.append((_("Date of birth"), data["birth_date"], [act.birth_date.isoformat()]))
    for what, asked, held in pairs:
        if fold(str(asked)) not in {fold(h) for h in held}:
            found.append((what, str(asked), " / ".join(h for h in held if h)))
    return found
