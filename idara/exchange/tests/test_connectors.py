"""Idara as a client (R11, Law 55-19 art. 23-24): "Documents that another administration holds
are obtained by the administration, not asked of the user: with the user's prior consent,
sending the user a copy for approval before use; if one cannot be obtained, the user is told
within 15 days of filing, with the reason, and asked to provide it." The land registry is asked
through its connector; every call is in the user's "who consulted my data"."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from idara.accounts.models import Role
from idara.clock import due_date
from idara.conftest import make_user
from idara.dossiers import services
from idara.dossiers.models import Purpose
from idara.dossiers.selectors import holidays_around, legal_view, not_obtained_told_by
from idara.dossiers.services import file_dossier
from idara.dossiers.services.fetches import check_decision
from idara.dossiers.states import TransitionRefused
from idara.dossiers.tests.helpers import pdf_file
from idara.exchange.connectors import SandboxLandRegistry
from idara.exchange.models import ExchangeLog
from idara.notifications.models import Message
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
    del filing.files[deed]  # the citizen does not send it, and consents it is obtained
    filing.consents = (deed,)
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


class Broken(SandboxLandRegistry):
    def fetch(self, person, document_type):
        raise ConnectionError("timeout")


@pytest.fixture
def deed_filing(commune):
    filing = building_filing(commune)
    deed = next(code for code in filing.files if code.startswith(TITLE_DEED))
    del filing.files[deed]
    filing.consents = (deed,)
    return filing, deed


def test_a_deed_that_cannot_be_had_is_told_at_once_and_the_clock_runs(
    settings, owner, deed_filing, client
):
    """R11: "a fetch that fails tells the user within 15 days", with the reason, and "does not
    stop the clock"."""
    settings.EXCHANGE_CONNECTORS = ["idara.exchange.tests.test_connectors.Broken"]
    filing, deed = deed_filing
    dossier = file_dossier(owner, owner, filing)[0]
    assert dossier.status == "submitted" and legal_view(dossier).due is not None
    fetch = dossier.fetches.get()
    assert fetch.file is None and fetch.awaits_document
    holidays = holidays_around(dossier.filed_on, dossier.filed_on + timedelta(days=40))
    last_day = due_date(dossier.filed_on, 15, working_days=False, holidays=holidays)
    assert fetch.told_on == dossier.filed_on <= not_obtained_told_by(dossier) == last_day
    told = [m.body for m in Message.objects.filter(about=dossier.reference, channel="email")]
    with translation.override(owner.preferred_language):
        reason = gettext("The administration that holds it did not answer.")
    assert fetch.failure == reason and any(reason in body for body in told)
    provided = services.provide_fetched(owner, fetch, pdf_file("acte.pdf"))
    assert provided.provided.purpose == Purpose.REQUESTED and not provided.awaits_document
    client.force_login(owner)
    with translation.override("fr"):
        page = client.get(reverse("exchange:data_sharing")).content.decode()
    assert dossier.reference in page


def test_the_agent_relies_on_a_copy_only_once_approved(settings, owner, deed_filing):
    """R11 (art. 24): "a copy for approval before use": no decision until the applicant approved
    the copy obtained for them (the check every decision passes); a disputed copy is replaced
    by their own."""
    settings.EXCHANGE_CONNECTORS = SANDBOX
    filing, deed = deed_filing
    dossier = file_dossier(owner, owner, filing)[0]
    fetch = dossier.fetches.get()
    assert fetch.awaits_approval and fetch.holder("fr").startswith("Agence nationale")
    with translation.override("en"), pytest.raises(TransitionRefused, match="not yet approved"):
        check_decision(dossier, "accept")
    agent = make_user("urbanisme@commune.ma", Role.AGENT, service=dossier.service)
    with pytest.raises(PermissionDenied):
        services.approve_fetched(agent, fetch)
    with pytest.raises(services.FilingRefused):
        services.dispute_fetched(owner, fetch, "  ")
    disputed = services.dispute_fetched(owner, fetch, "Ce n'est pas mon terrain.")
    with pytest.raises(TransitionRefused):
        services.approve_fetched(owner, disputed)
    assert disputed.awaits_document and not disputed.awaits_approval
    check_decision(dossier, "accept")  # a disputed copy is not relied on: nothing waits
    services.provide_fetched(owner, disputed, pdf_file("titre.pdf"))
    events = list(dossier.events.values_list("kind", flat=True))
    assert "document_disputed" in events and "document_provided" in events


def test_approving_lets_the_decision_be_taken(settings, owner, deed_filing):
    settings.EXCHANGE_CONNECTORS = SANDBOX
    filing, deed = deed_filing
    dossier = file_dossier(owner, owner, filing)[0]
    approved = services.approve_fetched(owner, dossier.fetches.get())
    assert approved.approved_on is not None and not approved.awaits_approval
    check_decision(dossier, "accept")
