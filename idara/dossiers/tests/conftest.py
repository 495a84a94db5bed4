from decimal import Decimal

import pytest
from django.utils import translation

from idara.catalog import selectors as catalog
from idara.catalog.services import OfferingChanges, set_offering
from idara.dossiers.tests.helpers import SHOP
from idara.territories.models import ServiceKind


@pytest.fixture(autouse=True)
def in_english():
    """The messages are matched as written in the code (English)."""
    with translation.override("en"):
        yield


@pytest.fixture
def shop_offered(catalogue, commune, admin):
    """The commune offers the licence of a commercial activity online (200 MAD); its fiche."""
    economic = commune.services.get(kind=ServiceKind.ECONOMIC_AFFAIRS)
    changes = OfferingChanges(online=True, service=economic, local_fee_mad=Decimal("200"))
    set_offering(admin, commune, catalog.procedure(SHOP), changes)
    return catalog.version_in_force(catalog.procedure(SHOP))
