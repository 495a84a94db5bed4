"""Reads of the register, scoped: a bureau's register is its civil-status agents' to keep and
read; the national supervisor and auditors read every register."""

from django.db.models import Q, QuerySet

from idara.accounts.models import SERVICE_ROLES, Membership
from idara.civil_status.models import Act, ActKind
from idara.civil_status.relations import same_person
from idara.dossiers.selectors import sees_everything
from idara.territories.models import Collectivity, ServiceKind


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


def find_act(bureau: Collectivity, kind: str, number, year) -> Act | None:
    """The act a request names; the register's own lookup, not scoped to a reader."""
    return (
        Act.objects.filter(bureau=bureau, kind=kind, number=number, year=year)
        .prefetch_related("notes")
        .first()
    )


def holds_register(bureau: Collectivity) -> bool:
    """Whether the bureau's register is on the platform (imported or typed in)."""
    return Act.objects.filter(bureau=bureau).exists()


def birth_acts_named(bureau: Collectivity, full_name: str) -> list[Act]:
    """The bureau's birth acts of a person of that name (for the relation of a child)."""
    words = full_name.split()
    if not words:
        return []
    named = Q(family_name_fr__icontains=words[0]) | Q(family_name_fr__icontains=words[-1])
    candidates = Act.objects.filter(named, bureau=bureau, kind=ActKind.BIRTH)
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
