"""A commune that offers the building permit online with its fiscal decree's formula, the
bodies of its commission with an agent each, and an applicant."""

import pytest
from django.utils import translation

from idara.catalog import selectors as catalog
from idara.catalog.services import OfferingChanges, set_offering
from idara.conftest import make_user
from idara.documents.signing import make_signing_key
from idara.dossiers.services import Filing
from idara.dossiers.tests.helpers import pdf_file
from idara.territories.models import ServiceKind

BUILDING = "permis-construire-petits-projets"
OCCUPANCY = "permis-habiter"
# The commune's fiscal decree: 10 MAD per m² built, 15 for shops and offices, 300 at least.
FORMULA = {
    "rate_mad": "10",
    "per": ["built_surface"],
    "by": "use",
    "rates_mad": {"commerce": "15"},
    "minimum_mad": "300",
}
PROJECT = {
    "land_title": "4521/07",
    "address": "Lotissement Al Amal, lot 12, Chefchaouen",
    "parcel_surface": 180,
    "built_surface": 150,
    "floors": 2,
    "use": "housing",
    "architect_name": "Salma Bennani",
    "architect_order_number": "A-2231",
    "engineer_name": "Bureau d'études Atlas",
}


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def offered(catalogue, commune, admin):
    urbanism = commune.services.get(kind=ServiceKind.URBANISM)
    set_offering(
        admin,
        commune,
        catalog.procedure(BUILDING),
        OfferingChanges(online=True, service=urbanism, local_fee_rule=FORMULA),
    )
    set_offering(
        admin, commune, catalog.procedure(OCCUPANCY), OfferingChanges(online=True, service=urbanism)
    )
    return commune


@pytest.fixture
def signing(settings, tmp_path, commune):
    settings.SIGNING_KEYS_DIR = tmp_path / "keys"
    make_signing_key(commune)
    return commune


@pytest.fixture
def applicant(db):
    return make_user("youssef@example.ma", full_name="Youssef Amrani")


@pytest.fixture
def urbanism_agent(commune):
    from idara.accounts.models import Role

    return make_user(
        "urbanisme@commune.ma", Role.AGENT, service=commune.services.get(kind="urbanism")
    )


def body_agent(commune, kind: str):
    """The agent who answers for a body of the commission (in the province for most)."""
    from idara.accounts.models import Role
    from idara.permits.commission import body_for

    return make_user(f"{kind}@body.ma", Role.AGENT, service=body_for(commune, kind))


def building_filing(commune, idempotency_key="", **answers):
    documents = catalog.version_in_force(catalog.procedure(BUILDING)).documents.all()
    files = {d.code: pdf_file(f"{d.code}.pdf") for d in documents if d.mandatory}
    return Filing(catalog.procedure(BUILDING), commune, PROJECT | answers, files, idempotency_key)
