"""Reads of the catalogue. The catalogue is public; offerings' settings are scoped
to those who administer the collectivity (accounts.selectors)."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from idara.accounts.selectors import administered_collectivities
from idara.catalog import rules
from idara.catalog.fiche import Fiche, build_fiche
from idara.catalog.models import Category, Level, Offering, Procedure, ProcedureVersion
from idara.territories.models import COMMUNE_KINDS, PROVINCIAL_KINDS, Collectivity, Kind
from idara.text import fold

# How many procedures the collectivities handle in all, as the national programme counts
# them ("70 of about 150 local procedures" put online).
LOCAL_PROCEDURES_ESTIMATE = 150
LOCAL_LEVELS = [Level.COMMUNE, Level.PROVINCE, Level.REGION, Level.EVERY]


class UnknownFilter(ValueError):
    def __init__(self, field: str):
        super().__init__(field)
        self.field = field


def levels_handled_by(kind: str) -> list[str]:
    if kind in COMMUNE_KINDS:
        return [Level.COMMUNE, Level.EVERY]
    if kind in PROVINCIAL_KINDS:
        return [Level.PROVINCE, Level.EVERY]
    if kind == Kind.REGION:
        return [Level.REGION, Level.EVERY]
    return []


def _with_versions(procedures: QuerySet[Procedure]) -> QuerySet[Procedure]:
    versions = ProcedureVersion.objects.select_related("procedure").prefetch_related("documents")
    return procedures.prefetch_related(Prefetch("versions", queryset=versions))


def version_in_force(procedure: Procedure, on=None) -> ProcedureVersion | None:
    return rules.version_in_force(procedure.versions.all(), on or timezone.localdate())


def procedures(*, category: str = "", level: str = "", q: str = "") -> QuerySet[Procedure]:
    if category and category not in Category.values:
        raise UnknownFilter("category")
    if level and level not in Level.values:
        raise UnknownFilter("level")
    found = Procedure.objects.all()
    if category:
        found = found.filter(category=category)
    if level:
        found = found.filter(level=level)
    for word in fold(q).split():
        found = found.filter(search_text__contains=word)
    return _with_versions(found).order_by("category", "slug")


def procedure(slug: str) -> Procedure:
    """Raises Procedure.DoesNotExist."""
    return _with_versions(Procedure.objects.filter(slug=slug)).get()


def fiche(procedure: Procedure, collectivity: Collectivity | None = None) -> Fiche:
    offering = None
    if collectivity is not None:
        offering = (
            Offering.objects.select_related("collectivity", "service")
            .filter(collectivity=collectivity, procedure=procedure)
            .first()
        )
    return build_fiche(version_in_force(procedure), offering)


def online_offerings(collectivity: Collectivity) -> QuerySet[Offering]:
    return (
        Offering.objects.filter(collectivity=collectivity, online=True)
        .select_related("procedure", "collectivity", "service")
        .prefetch_related(
            Prefetch(
                "procedure__versions",
                queryset=ProcedureVersion.objects.select_related("procedure").prefetch_related(
                    "documents"
                ),
            )
        )
        .order_by("procedure__category", "procedure__slug")
    )


def online_fiches(collectivity: Collectivity) -> list[Fiche]:
    return [build_fiche(version_in_force(o.procedure), o) for o in online_offerings(collectivity)]


@dataclass(frozen=True)
class Digitisation:
    handled: int
    online: int

    @property
    def rate(self) -> float | None:
        """Procedures online / procedures the collectivity handles."""
        return self.online / self.handled if self.handled else None


def digitisation(collectivity: Collectivity) -> Digitisation:
    handled = Procedure.objects.filter(level__in=levels_handled_by(collectivity.kind)).count()
    online = Offering.objects.filter(collectivity=collectivity, online=True).count()
    return Digitisation(handled, online)


@dataclass(frozen=True)
class NationalCounts:
    local_procedures: int
    estimate: int
    online_somewhere: int
    collectivities_online: int


def national_counts() -> NationalCounts:
    online = Offering.objects.filter(online=True)
    return NationalCounts(
        local_procedures=Procedure.objects.filter(level__in=LOCAL_LEVELS).count(),
        estimate=LOCAL_PROCEDURES_ESTIMATE,
        online_somewhere=online.values("procedure").distinct().count(),
        collectivities_online=online.values("collectivity").distinct().count(),
    )


def administered_offerings(user, collectivity_code: str) -> tuple[Collectivity, list[Fiche]]:
    """Every procedure the collectivity handles, with its offering: only for its administrators.
    Raises Collectivity.DoesNotExist for anyone else."""
    collectivity = administered_collectivities(user).get(code=collectivity_code)
    offerings = {
        o.procedure_id: o
        for o in Offering.objects.filter(collectivity=collectivity).select_related(
            "collectivity", "service"
        )
    }
    handled = procedures().filter(level__in=levels_handled_by(collectivity.kind))
    return collectivity, [build_fiche(version_in_force(p), offerings.get(p.pk)) for p in handled]
