import pytest
from django.utils import translation

from idara.accounts.models import Role
from idara.catalog import selectors as catalog
from idara.catalog.services import OfferingChanges, set_offering
from idara.conftest import make_user
from idara.dossiers.tests.helpers import DEMOLITION, DEMOLITION_DOCUMENT, EXTRACT
from idara.territories.models import ServiceKind


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


@pytest.fixture
def offered(catalogue, commune, admin):
    """The commune offers the birth extract and the demolition permit online."""
    extract = OfferingChanges(
        online=True, service=commune.services.get(kind=ServiceKind.CIVIL_STATUS)
    )
    demolition = OfferingChanges(
        online=True,
        service=commune.services.get(kind=ServiceKind.URBANISM),
        local_fee_formula_fr="5 MAD par m² démoli",
        # The commune narrows the national 50 MB to 5 MB for the one document.
        local_document_limits={DEMOLITION_DOCUMENT: {"max_size_mb": 5}},
    )
    set_offering(admin, commune, catalog.procedure(EXTRACT), extract)
    set_offering(admin, commune, catalog.procedure(DEMOLITION), demolition)
    return commune


@pytest.fixture
def citizen(db):
    user = make_user("amina@example.ma")
    user.phone = "+212600000000"
    user.save()
    return user


@pytest.fixture
def agent(commune):
    return make_user(
        "agent@commune.ma", Role.AGENT, service=commune.services.get(kind=ServiceKind.URBANISM)
    )


@pytest.fixture
def civil_agent(commune):
    return make_user(
        "civil@commune.ma", Role.AGENT, service=commune.services.get(kind=ServiceKind.CIVIL_STATUS)
    )
