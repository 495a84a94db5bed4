"""Reads of the register, scoped: a bureau's register is its civil-status agents' to keep and
read; the national supervisor and auditors read every register."""

from django.db.models import Q, QuerySet

from idara.accounts.models import SERVICE_ROLES, Membership
from idara.civil_status.models import Act, ActKind
from idara.civil_status.relations import names_of_person, same_person
from idara.dossiers.selectors import sees_everything
from idara.territories.models import Collectivity, Kind, ServiceKind


def kept_bureaux(user) -> QuerySet[Collectivity]:
    """The bureaux whose register the user keeps: those of their civil-status services."""
    if not user.is_authenticated:
        return Collectivity.objects.none()
    return Collectivity.objects.filter(
        pk__in=Membership.objects.filter(
            user=user, role__in=SERVICE_ROLES, service__kind=ServiceKind.CIVIL_STATUS
        ).values("service__collectivity_id")
    )


def may_keep_register(user, bureau: Collectivity) -> bool:
    return kept_bureaux(user).filter(pk=bureau.pk).exists()


def readable_acts(user) -> QuerySet[Act]:
    if not user.is_authenticated:
        return Act.objects.none()
    acts = Act.objects.select_related("bureau")
    return acts if sees_everything(user) else acts.filter(bureau__in=kept_bureaux(user))


def act_for(user, act_id) -> Act:
    """Raises Act.DoesNotExist for anyone who may not read it."""
    return readable_acts(user).get(pk=act_id)


def bureaux_of(collectivity: Collectivity) -> list[Collectivity]:
    """The bureaux whose registers a commune's orders reach: its own, and those of its
    arrondissements in the cities that have them."""
    return [collectivity, *collectivity.children.filter(kind=Kind.ARRONDISSEMENT)]


def commune_of(bureau: Collectivity) -> Collectivity:
    return bureau.parent if bureau.kind == Kind.ARRONDISSEMENT else bureau


def holds_register(collectivity: Collectivity) -> bool:
    """Whether the registers of the collectivity's bureaux are on the platform."""
    return Act.objects.filter(bureau__in=bureaux_of(collectivity)).exists()


def requested_act(collectivity: Collectivity, kind: str, number, year, name: str) -> Act | None:
    """The act an order names, in the collectivity's bureaux. Each arrondissement numbers its
    own acts, so where two hold that number the person's name tells them apart."""
    acts = list(
        Act.objects.filter(
            bureau__in=bureaux_of(collectivity), kind=kind, number=number, year=year
        ).prefetch_related("notes")
    )
    if len(acts) > 1:
        acts = [a for a in acts if any(same_person(name, n) for n in names_of_person(a))]
    return acts[0] if len(acts) == 1 else None


def birth_acts_named(collectivity: Collectivity, full_name: str) -> list[Act]:
    """Birth acts of a person of that name in the collectivity's bureaux (for the relation of
    a child, and for once-only)."""
    words = full_name.split()
    if not words:
        return []
    named = Q(family_name_fr__icontains=words[0]) | Q(family_name_fr__icontains=words[-1])
    candidates = Act.objects.filter(named, bureau__in=bureaux_of(collectivity), kind=ActKind.BIRTH)
    return [
        act
        for act in candidates
        if same_person(full_name, f"{act.given_name_fr} {act.family_name_fr}")
    ]


def register_page(user, bureau: Collectivity, q: str = "") -> QuerySet[Act]:
    acts = readable_acts(user).filter(bureau=bureau).order_by("-year", "-number")
    for word in q.split():
        acts = acts.filter(family_name_fr__icontains=word) | acts.filter(
            family_name_ar__icontains=word
        )
    return acts
