"""The commission: the bodies that give their opinion on each kind of permit before the
president decides. They are asked by the platform when the application is filed, each with
its own due date; a binding body's unfavourable opinion forbids acceptance, and no decision is
taken while a binding opinion is still awaited within its time.

A binding body that lets its due date pass without answering is held to agree: the commission
cannot stop the president from answering within the legal deadline (LAW.md L6). Like every
legal state, this is read from the dates, never from a job having run."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from idara.dossiers.models import Opinion, Verdict
from idara.dossiers.services import request_opinion
from idara.dossiers.states import TransitionRefused
from idara.territories.models import ServiceKind
from idara.text import listed

URBAN_AGENCY, CIVIL_PROTECTION = ServiceKind.URBAN_AGENCY, ServiceKind.CIVIL_PROTECTION
UTILITIES, HYGIENE, URBANISM = ServiceKind.UTILITIES, ServiceKind.HYGIENE, ServiceKind.URBANISM


@dataclass(frozen=True)
class Seat:
    body: str  # the kind of service that sits (territories.ServiceKind)
    binding: bool = False


@dataclass(frozen=True)
class Commission:
    days: int  # calendar days each body has, from the filing, to give its opinion
    seats: tuple[Seat, ...]


def _building(days: int) -> Commission:
    return Commission(
        days,
        (Seat(URBAN_AGENCY, True), Seat(CIVIL_PROTECTION, True), Seat(HYGIENE), Seat(UTILITIES)),
    )


def _activity(*seats: Seat) -> Commission:
    return Commission(10, seats)


# Which bodies sit for each kind of act (the urban agency's opinion binds on every building
# and land act; civil protection's and hygiene's on the premises they inspect). The days leave
# the president time to decide within the procedure's deadline.
COMMISSIONS = {
    "permis-construire-petits-projets": _building(10),
    "permis-construire-grands-projets": _building(20),
    "permis-regularisation": _building(20),
    "autorisation-lotir": Commission(
        20, (Seat(URBAN_AGENCY, True), Seat(UTILITIES, True), Seat(CIVIL_PROTECTION))
    ),
    "autorisation-groupe-habitations": Commission(
        20, (Seat(URBAN_AGENCY, True), Seat(UTILITIES), Seat(CIVIL_PROTECTION))
    ),
    "autorisation-morceler": Commission(20, (Seat(URBAN_AGENCY, True),)),
    "permis-habiter": Commission(20, (Seat(CIVIL_PROTECTION, True), Seat(HYGIENE))),
    "certificat-conformite": Commission(20, (Seat(CIVIL_PROTECTION, True), Seat(HYGIENE))),
    "etablissement-classe-2e-categorie": _activity(
        Seat(CIVIL_PROTECTION, True), Seat(HYGIENE, True)
    ),
    "etablissement-classe-3e-categorie": _activity(Seat(HYGIENE, True), Seat(CIVIL_PROTECTION)),
    "autorisation-exercice-activite-commerciale": _activity(
        Seat(HYGIENE, True), Seat(CIVIL_PROTECTION)
    ),
    "aot-terrasse-enseigne": _activity(Seat(URBANISM)),
}
QUESTION = (
    "Avis de la commission sur la demande, avant la décision du président. "
    "— رأي اللجنة في الطلب قبل قرار الرئيس."
)


def commission_of(dossier) -> Commission | None:
    return COMMISSIONS.get(dossier.procedure.slug)


def body_for(collectivity, kind: str):
    """The body of this kind nearest the collectivity: its own service, else its province's
    or prefecture's, else its region's."""
    unit = collectivity
    while unit is not None:
        body = unit.services.filter(kind=kind).first()
        if body is not None:
            return body
        unit = unit.parent
    return None


def convene(dossier) -> None:
    """Once the file is complete: ask each body of the procedure's commission for its opinion."""
    commission = commission_of(dossier)
    if commission is None:
        return
    for seat in commission.seats:
        body = body_for(dossier.collectivity, seat.body)
        if body is None or body.pk == dossier.service_id:
            continue  # the dossier's own service decides; it does not give itself an opinion
        request_opinion(None, dossier, body, QUESTION, commission.days, binding=seat.binding)


@dataclass(frozen=True)
class Standing:
    """Where one opinion stands on a given day."""

    opinion: Opinion
    verdict: str  # the verdict given, or held (favourable once a binding opinion is late)
    deemed: bool  # True: not given in time, held favourable
    awaited: bool  # True: not given and still within its time


def standing(opinion: Opinion, today: date) -> Standing:
    if opinion.answered_at:
        return Standing(opinion, opinion.verdict, deemed=False, awaited=False)
    if opinion.due_on < today:
        return Standing(opinion, Verdict.FAVOURABLE, deemed=True, awaited=False)
    return Standing(opinion, "", deemed=False, awaited=True)


def commission_standing(dossier, today: date | None = None) -> list[Standing]:
    today = today or timezone.localdate()
    return [standing(o, today) for o in dossier.opinions.select_related("asked_service")]


def check_decision(dossier, action: str) -> None:
    """Registered with the dossiers' decision checks: refuses, with the reason, a decision the
    commission does not allow yet (the fee is payments.before_issuing's)."""
    if commission_of(dossier) is None:
        return
    binding = [s for s in commission_standing(dossier) if s.opinion.binding]
    awaited = [s.opinion for s in binding if s.awaited]
    if awaited:
        raise TransitionRefused(
            _("The decision waits for the binding opinions of: %(bodies)s (due by %(date)s).")
            % {
                "bodies": listed(o.asked_service.name for o in awaited),
                "date": max(o.due_on for o in awaited).isoformat(),
            }
        )
    if action != "accept":
        return
    against = [s.opinion for s in binding if s.verdict == Verdict.UNFAVOURABLE]
    if against:
        raise TransitionRefused(
            _("A binding opinion is unfavourable (%(bodies)s): the application cannot be accepted.")
            % {"bodies": listed(o.asked_service.name for o in against)}
        )


def conditions(dossier) -> list[str]:
    """The conditions the bodies set, one per line, as the permit prints them."""
    lines = []
    for opinion in dossier.opinions.filter(verdict=Verdict.CONDITIONS):
        lines += [line.strip() for line in opinion.conditions.splitlines() if line.strip()]
    return lines
