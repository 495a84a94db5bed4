"""Writes to the territories: loading the reference file, services, name corrections."""

from dataclasses import asdict, dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from idara.accounts.selectors import can_administer
from idara.audit.services import record
from idara.territories.models import Collectivity, Kind, Service, ServiceKind
from idara.territories.territory_file import TerritoryRow, read_territories

REFERENCE_FILE = Path(__file__).parent / "data" / "territories.csv"

SERVICE_NAMES = {
    ServiceKind.CIVIL_STATUS: ("Bureau d'état civil", "مكتب الحالة المدنية"),
    ServiceKind.URBANISM: ("Service de l'urbanisme", "مصلحة التعمير"),
    ServiceKind.ECONOMIC_AFFAIRS: ("Service des affaires économiques", "مصلحة الشؤون الاقتصادية"),
    ServiceKind.LOCAL_TAXES: ("Service de la fiscalité locale", "مصلحة الجبايات المحلية"),
    ServiceKind.HYGIENE: ("Bureau communal d'hygiène", "المكتب الجماعي لحفظ الصحة"),
    # R9 (Law 55-19 art. 21): the appeals to the president; at a province, the governor's.
    ServiceKind.APPEALS: ("Service des recours", "مصلحة الطعون"),
}
_COMMUNE_SERVICES = list(SERVICE_NAMES)
COMMISSION_BODIES = {
    ServiceKind.URBAN_AGENCY: ("Agence urbaine", "الوكالة الحضرية"),
    ServiceKind.CIVIL_PROTECTION: ("Protection civile", "الوقاية المدنية"),
    ServiceKind.UTILITIES: ("Distributeur d'eau et d'électricité", "موزع الماء والكهرباء"),
}
SERVICE_NAMES |= COMMISSION_BODIES
_PROVINCE_SERVICES = [
    ServiceKind.ECONOMIC_AFFAIRS,
    ServiceKind.LOCAL_TAXES,
    ServiceKind.APPEALS,
    *COMMISSION_BODIES,
]
# What each kind of unit handles by default (docs/territories.md says why);
# its administrator adds or renames services afterwards.
DEFAULT_SERVICES = {
    Kind.REGION: [ServiceKind.ECONOMIC_AFFAIRS, ServiceKind.LOCAL_TAXES, ServiceKind.APPEALS],
    # A province's or prefecture's services include the bodies of its permits commissions.
    Kind.PREFECTURE: _PROVINCE_SERVICES,
    Kind.PROVINCE: _PROVINCE_SERVICES,
    Kind.COMMUNE_URBAN: _COMMUNE_SERVICES,
    Kind.COMMUNE_RURAL: _COMMUNE_SERVICES,
    Kind.ARRONDISSEMENT: [ServiceKind.CIVIL_STATUS],
}


@dataclass(frozen=True)
class LoadReport:
    created: int
    updated: int
    unchanged: int
    services_created: int


def load_territories_file(path: Path = REFERENCE_FILE) -> LoadReport:
    with open(path, encoding="utf-8", newline="") as f:
        rows = read_territories(f)
    return load_territories(rows)


@transaction.atomic
def load_territories(rows: list[TerritoryRow]) -> LoadReport:
    """Create or update every unit; names an administrator corrected are kept.

    Rows come parents first (read_territories sorts them), so each parent
    already has its id when its children are written.
    """
    units = {c.code: c for c in Collectivity.objects.all()}
    created = updated = 0
    for row in rows:
        unit = units.get(row.code) or Collectivity(code=row.code)
        values = _values_from_row(unit, row, units)
        if unit.pk and all(getattr(unit, k) == v for k, v in values.items()):
            continue
        created, updated = (created + 1, updated) if unit.pk is None else (created, updated + 1)
        for key, value in values.items():
            setattr(unit, key, value)
        unit.save()
        units[row.code] = unit
    services_created = create_default_services()
    report = LoadReport(created, updated, len(rows) - created - updated, services_created)
    if created or updated or services_created:
        record(None, "territories.loaded", None, data=asdict(report))
    return report


def _values_from_row(unit: Collectivity, row: TerritoryRow, units: dict) -> dict:
    parent = units.get(row.parent_code)
    region_id = None
    if parent is not None:
        region_id = parent.pk if parent.kind == Kind.REGION else parent.region_id
    values = {"kind": row.kind, "parent_id": parent.pk if parent else None, "region_id": region_id}
    if not unit.names_corrected:
        values |= {"name_fr": row.name_fr, "name_ar": row.name_ar}
    return values


def create_default_services(collectivities=None) -> int:
    """Give every collectivity (or those given) the services its kind has by default."""
    collectivities = Collectivity.objects.all() if collectivities is None else collectivities
    have = set(
        Service.objects.filter(collectivity__in=collectivities).values_list(
            "collectivity_id", "kind"
        )
    )
    missing = [
        Service(
            collectivity_id=cid,
            kind=kind,
            name_fr=SERVICE_NAMES[kind][0],
            name_ar=SERVICE_NAMES[kind][1],
        )
        for cid, unit_kind in collectivities.values_list("id", "kind")
        for kind in DEFAULT_SERVICES[unit_kind]
        if (cid, kind) not in have
    ]
    Service.objects.bulk_create(missing, batch_size=1000)
    return len(missing)


def correct_names(actor, collectivity: Collectivity, *, name_fr: str, name_ar: str, name_zgh: str):
    """A collectivity's administrator corrects its names; reloads of the file keep them."""
    if not can_administer(actor, collectivity):
        raise PermissionDenied(_("You do not administer this collectivity."))
    name_fr, name_ar, name_zgh = (n.strip() for n in (name_fr, name_ar, name_zgh))
    if not name_fr or not name_ar:
        raise ValidationError(_("The names in French and in Arabic are required."))
    before = {
        "name_fr": collectivity.name_fr,
        "name_ar": collectivity.name_ar,
        "name_zgh": collectivity.name_zgh,
    }
    after = {"name_fr": name_fr, "name_ar": name_ar, "name_zgh": name_zgh}
    if before == after:
        return collectivity
    with transaction.atomic():
        for key, value in after.items():
            setattr(collectivity, key, value)
        collectivity.names_corrected = True
        collectivity.save()
        record(
            actor,
            "collectivity.names_corrected",
            collectivity,
            data={"before": before, "after": after},
        )
    return collectivity
