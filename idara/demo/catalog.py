"""What the demo communes' administrators set: their fees where the law leaves them
to the commune, and the procedures they put online. Demo figures, not real decrees."""

from decimal import Decimal

from django.db import transaction

from idara.accounts.models import User
from idara.catalog import selectors
from idara.catalog.services import OfferingChanges, set_offering
from idara.demo.accounts import CHEFCHAOUEN, TIZNIT
from idara.territories.selectors import collectivity

PER_SQUARE_METRE = (
    "10 MAD par m² de surface couverte "
    "(taxe sur les opérations de construction, arrêté fiscal de la commune)",
    "10 دراهم للمتر المربع من المساحة المغطاة (الرسم على عمليات البناء، القرار الجبائي للجماعة)",
)
PER_OCCUPIED_METRE = (
    "20 MAD par m² occupé et par mois (arrêté fiscal de la commune)",
    "20 درهما للمتر المربع المحتل شهريا (القرار الجبائي للجماعة)",
)
# slug -> (local fee in MAD, or a formula in French and Arabic, or None where it is national)
DEMO_OFFERINGS = {
    "extrait-acte-naissance": None,
    "copie-integrale-acte-naissance": None,
    "fiche-individuelle-etat-civil": None,
    "acte-de-deces-copie": None,
    "duplicata-livret-de-famille": None,
    "declaration-deces": None,
    "declaration-naissance": Decimal("0"),
    "permis-habiter": None,
    "permis-construire-petits-projets": PER_SQUARE_METRE,
    "permis-construire-grands-projets": PER_SQUARE_METRE,
    "permis-refection": PER_SQUARE_METRE,
    "autorisation-morceler": PER_SQUARE_METRE,
    "aot-terrasse-enseigne": PER_OCCUPIED_METRE,
    "permis-inhumer": Decimal("0"),
}
ADMINS = {CHEFCHAOUEN: "admin@demo.idara.ma", TIZNIT: "admin.tiznit@demo.idara.ma"}


@transaction.atomic
def load_demo_offerings() -> int:
    """Each demo commune's administrator puts the demo procedures online."""
    for code, email in ADMINS.items():
        commune, admin = collectivity(code), User.objects.get(email=email)
        for slug, fee in DEMO_OFFERINGS.items():
            procedure = selectors.procedure(slug)
            version = selectors.version_in_force(procedure)
            set_offering(admin, commune, procedure, _changes(commune, version, fee))
    return len(DEMO_OFFERINGS)


def _changes(commune, version, fee) -> OfferingChanges:
    service = commune.services.filter(kind=version.service_kind).first()
    changes = OfferingChanges(online=True, service=service)
    if isinstance(fee, Decimal):
        changes.local_fee_mad = fee
    elif fee is not None:
        changes.local_fee_formula_fr, changes.local_fee_formula_ar = fee
    return changes
