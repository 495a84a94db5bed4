"""R11 (Law 55-19 art. 23-24) in a real browser: the land registry's certificate, obtained with
the applicant's consent, awaits their approval on their page; they approve it, and their "who
consulted my data" page lists it, with the application it was for. In Arabic on a phone without
JavaScript, and in French on a laptop with it."""

import re

import pytest
from playwright.sync_api import expect

from idara.demo.exchange import load_demo_administration
from idara.dossiers.services import file_dossier
from idara.exchange.tests.test_connectors import SANDBOX, TITLE_DEED
from idara.permits.tests.conftest import building_filing
from idara.tests.words import words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a long passphrase"  # conftest.make_user's


@pytest.fixture
def obtained(settings, catalogue, commune, admin):
    from idara.catalog import selectors as catalog
    from idara.catalog.services import OfferingChanges, set_offering
    from idara.conftest import make_user
    from idara.permits.tests.conftest import BUILDING, FORMULA

    settings.EXCHANGE_CONNECTORS = SANDBOX
    urbanism = commune.services.get(kind="urbanism")
    changes = OfferingChanges(online=True, service=urbanism, local_fee_rule=FORMULA)
    set_offering(admin, commune, catalog.procedure(BUILDING), changes)
    owner = make_user("youssef@example.ma", full_name="Youssef Amrani")
    owner.national_id = "K123456"
    owner.save()
    filing = building_filing(commune)
    deed = next(code for code in filing.files if code.startswith(TITLE_DEED))
    del filing.files[deed]
    filing.consents = (deed,)
    return file_dossier(owner, owner, filing)[0]


@pytest.mark.parametrize(
    "language, width, javascript",
    [("ar", 375, False), ("fr", 1280, True)],
    ids=["arabic-phone-without-javascript", "french-laptop"],
)
def test_the_applicant_approves_the_copy_obtained_for_them(
    new_page, live_server, obtained, screenshot, language, width, javascript
):
    say = words_in(language)
    base = live_server.url
    page = new_page(width, javascript=javascript)
    page.goto(f"{base}/{language}/backoffice/login/")
    page.get_by_label(say("Email address")).fill(obtained.applicant.email)
    page.get_by_label(say("Password")).fill(PASSWORD)
    page.get_by_role("button", name=say("Sign in")).click()
    page.goto(f"{base}/{language}/my/dossiers/{obtained.pk}/")
    section = page.locator("section[aria-labelledby=obtained-title]")
    expect(section).to_contain_text(obtained.fetches.get().holder(language))
    link = section.get_by_role("link", name=say("See the copy obtained (PDF)"))
    assert page.request.get(base + link.get_attribute("href")).body().startswith(b"%PDF")
    screenshot(page, f"obtained-{language}-{width}")
    section.get_by_role("button", name=say("Approve this copy")).click()
    expect(page.locator(".messages")).to_contain_text(
        say("Approved: the administration may now rely on this copy.")
    )
    assert obtained.fetches.get().approved_on is not None
    page.goto(f"{base}/{language}/my/data-sharing/")
    table = page.locator("table[aria-labelledby=obtained-title]")
    expect(table).to_contain_text(obtained.reference)
    expect(table).to_contain_text(say("obtained"))
    screenshot(page, f"who-consulted-{language}-{width}")

    # Issue 25: the page said "here you choose the administrations" and offered none.
    nobody = (
        "No other administration is connected to Idara yet, so there is none to choose. When "
        "one is, it is listed here, and nothing is sent to it until you consent."
    )
    expect(page.locator("main")).to_contain_text(say(nobody))
    agency = load_demo_administration()
    page.reload()
    page.get_by_label(
        re.compile(re.escape(agency.name_ar if language == "ar" else agency.name_fr))
    ).first.check()
    page.get_by_role("button", name=say("Give my consent")).click()
    expect(page.locator(".messages")).to_contain_text(
        say("Your consent is recorded. You may withdraw it at any time.")
    )
