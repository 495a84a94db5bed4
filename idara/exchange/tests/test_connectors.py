"""Idara as a client (L3): a document the land registry holds is asked of it through the
connector and attached to the filing, not asked of the citizen; the call is logged."""

import pytest

from idara.dossiers.models import Purpose
from idara.dossiers.services import file_dossier
from idara.exchange.models import ExchangeLog
from idara.permits.tests.conftest import building_filing

pytestmark = pytest.mark.django_db
SANDBOX = ["idara.exchange.connectors.SandboxLandRegistry"]
TITLE_DEED = "document-prouvant-droit-sur"


@pytest.fixture
def owner(db):
    from idara.conftest import make_user

    person = make_user("youssef@example.ma", full_name="Youssef Amrani")
    person.national_id = "K123456"
    person.save()
    return person


@pytest.fixture(autouse=True)
def permit_offered(catalogue, commune, admin):
    from idara.catalog import selectors as catalog
    from idara.catalog.services import OfferingChanges, set_offering
    from idara.permits.tests.conftest import BUILDING, FORMULA

    urbanism = commune.services.get(kind="urbanism")
    changes = OfferingChanges(online=True, service=urbanism, local_fee_rule=FORMULA)
    set_offering(admin, commune, catalog.procedure(BUILDING), changes)


def test_the_land_registry_supplies_the_title_deed(settings, commune, owner):
    settings.EXCHANGE_CONNECTORS = SANDBOX
    filing = building_filing(commune)
    deed = next(code for code in filing.files if code.startswith(TITLE_DEED))
    del filing.files[deed]  # the citizen does not send it
    dossier = file_dossier(owner, owner, filing)[0]
    attached = dossier.files.get(document_code=deed)
    assert attached.purpose == Purpose.HELD and attached.content_type == "application/pdf"
    logged = ExchangeLog.objects.get(path="connector:ancfcc-sandbox")
    assert logged.subject == owner and logged.response_sha256 == attached.sha256


def test_without_a_connector_the_document_is_asked_of_the_citizen(settings, commune, owner):
    """Not fetched, the deed is missing: the file is being filed with it listed (R3)."""
    settings.EXCHANGE_CONNECTORS = []
    filing = building_filing(commune)
    deed = next(code for code in filing.files if code.startswith(TITLE_DEED))
    del filing.files[deed]
    dossier, _ = file_dossier(owner, owner, filing)
    assert dossier.status == "being_filed" and dossier.missing_documents == [deed]
