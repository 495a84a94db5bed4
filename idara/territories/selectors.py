"""Reads of the territories. They are public: no scoping beyond what is asked."""

from django.db.models import Count, QuerySet

from idara.territories.models import COLLECTIVITY_KINDS, COMMUNE_KINDS, Collectivity, Kind
from idara.text import fold

# "commune" stands for both kinds of commune in filters.
KIND_FILTERS = {k: [k] for k in Kind.values} | {"commune": COMMUNE_KINDS}


class UnknownKind(ValueError):
    pass


def collectivities(*, kind: str = "", parent_code: str = "", q: str = "") -> QuerySet[Collectivity]:
    """Collectivities by kind, parent and name; arrondissements only when asked for by kind."""
    if kind and kind not in KIND_FILTERS:
        raise UnknownKind(kind)
    units = Collectivity.objects.filter(kind__in=KIND_FILTERS[kind] if kind else COLLECTIVITY_KINDS)
    if parent_code:
        units = units.filter(parent__code=parent_code)
    for word in fold(q).split():
        units = units.filter(search_text__contains=word)
    return units.select_related("parent").order_by("code")


def collectivity(code: str) -> Collectivity:
    """One unit by its HCP code; raises Collectivity.DoesNotExist."""
    return (
        Collectivity.objects.select_related("parent", "region")
        .prefetch_related("services")
        .get(code=code)
    )


def children(unit: Collectivity) -> QuerySet[Collectivity]:
    return unit.children.annotate(child_count=Count("children")).order_by("kind", "name_fr")


def ancestors(unit: Collectivity) -> list[Collectivity]:
    """From the region down to the unit's parent."""
    chain = []
    parent = unit.parent
    while parent is not None:
        chain.insert(0, parent)
        parent = parent.parent
    return chain


def regions() -> QuerySet[Collectivity]:
    return (
        Collectivity.objects.filter(kind=Kind.REGION)
        .annotate(child_count=Count("children"))
        .order_by("code")
    )


def counts_by_kind() -> dict[str, int]:
    rows = Collectivity.objects.values_list("kind").annotate(n=Count("id"))
    return {kind: n for kind, n in rows}
