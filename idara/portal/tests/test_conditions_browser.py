"""R1: "A document may be required only when an answer of the form makes it apply (a shop does
not give a restaurant's kitchen plan)", in a real browser: with JavaScript the document follows
the answer; without it, every document stays, with its condition in words."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from idara.catalog import selectors as catalog
from idara.catalog.services import OfferingChanges, set_offering
from idara.territories.models import ServiceKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOP = "autorisation-exercice-activite-commerciale"


@pytest.fixture
def shop_offered(catalogue, commune, admin):
    economic = commune.services.get(kind=ServiceKind.ECONOMIC_AFFAIRS)
    changes = OfferingChanges(online=True, service=economic, local_fee_mad=Decimal("200"))
    set_offering(admin, commune, catalog.procedure(SHOP), changes)
    return commune


def open_the_form(new_page, live_server, commune, javascript: bool):
    page = new_page(390, 844, javascript=javascript)
    page.goto(f"{live_server.url}/fr/backoffice/login/")
    page.get_by_label("Adresse électronique").fill("amina@example.ma")
    page.get_by_label("Mot de passe").fill("a long passphrase")
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{live_server.url}/fr/procedures/{SHOP}/file/?collectivity={commune.code}")
    return page


def test_the_kitchen_plan_follows_the_activity(new_page, live_server, shop_offered, citizen):
    page = open_the_form(new_page, live_server, shop_offered, javascript=True)
    kitchen_plan = page.get_by_label("Plan d'aménagement du local approuvé", exact=False)
    anrt_receipt = page.get_by_label("Cyber : récépissé de déclaration", exact=False)
    page.locator("#id_activity_type").select_option("shop")
    expect(kitchen_plan).to_be_hidden()
    expect(anrt_receipt).to_be_hidden()
    page.locator("#id_activity_type").select_option("cafe")
    expect(kitchen_plan).to_be_visible()
    expect(anrt_receipt).to_be_hidden()


def test_without_javascript_each_document_says_when_it_is_required(
    new_page, live_server, shop_offered, citizen
):
    page = open_the_form(new_page, live_server, shop_offered, javascript=False)
    expect(page.get_by_label("Plan d'aménagement du local approuvé", exact=False)).to_be_visible()
    expect(page.locator("main")).to_contain_text(
        "requis si votre réponse à « Type d'activité » est « Cyber-café (accès à Internet) »"
    )
