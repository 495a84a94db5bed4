"""What the demo communes' administrators set: their fees where the law leaves them
to the commune, and the procedures they put online. Demo figures, not real decrees."""

from decimal import Decimal

from django.db import transaction

from idara.accounts.models import User
from idara.catalog import selectors
from idara.catalog.services import OfferingChanges, set_offering
from idara.demo.accounts import CHEFCHAOUEN, TIZNIT
from idara.territories.selectors import collectivity

# The tax on building operations: per m² built, by use (catalog.fees).
PER_SQUARE_METRE_BUILT = {
    "rate_mad": "10",
    "per": ["built_surface"],
    "by": "use",
    "rates_mad": {"commerce": "15", "mixed": "12"},
    "minimum_mad": "200",
}
PER_OCCUPIED_METRE_AND_MONTH = {"rate_mad": "20", "per": ["surface", "duration_months"]}
PER_ACTIVITY = {
    "rate_mad": "500",
    "by": "activity_type",
    "rates_mad": {"cafe": "1500", "workshop": "800"},
}
# slug -> local fee in MAD, or a formula computed from the application, or None where it is
# national.
DEMO_OFFERINGS = {
    "extrait-acte-naissance": None,
    "copie-integrale-acte-naissance": None,
    "fiche-individuelle-etat-civil": None,
    "acte-de-deces-copie": None,
    "duplicata-livret-de-famille": None,
    "declaration-deces": None,
    "declaration-naissance": Decimal("0"),
    "permis-habiter": None,
    "permis-construire-petits-projets": PER_SQUARE_METRE_BUILT,
    "permis-construire-grands-projets": PER_SQUARE_METRE_BUILT,
    "permis-refection": {"rate_mad": "5", "per": ["surface"], "minimum_mad": "100"},
    "autorisation-morceler": {"rate_mad": "2", "per": ["parcel_surface"]},
    "aot-terrasse-enseigne": PER_OCCUPIED_METRE_AND_MONTH,
    "autorisation-exercice-activite-commerciale": PER_ACTIVITY,
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
        changes.local_fee_rule = fee
    return changes
