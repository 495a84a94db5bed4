"""Issue 12: "a visitor reads the ranking, a collectivity's scorecard and its budget, and
verifies a document by its code", in Arabic and French on a phone and a laptop, and in
Tamazight (public pages only) on a phone without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from idara.documents import codes
from idara.dossiers.models import Receipt
from idara.tests.words import EVERY_LANGUAGE_AND_WINDOW, words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
COMMUNE = {"ar": "شفشاون", "fr": "Chefchaouen", "zgh": "ⵛⴼⵛⴰⵡⵏ"}


@EVERY_LANGUAGE_AND_WINDOW
def test_a_visitor_reads_the_figures_and_verifies_a_document(
    new_page, live_server, demo, screenshot, language, width, javascript
):
    _visit(new_page, live_server, screenshot, language, width, javascript)


def test_a_visitor_reads_it_all_in_tamazight(new_page, live_server, demo, screenshot):
    _visit(new_page, live_server, screenshot, "zgh", 375, False)


def _visit(new_page, live_server, screenshot, language, width, javascript):
    say = words_in(language)
    page = new_page(width, javascript=javascript)
    page.goto(f"{live_server.url}/{language}/")
    page.get_by_role("navigation").get_by_role("link", name=say("Ranking")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(say("Ranking of the collectivities"))
    page.get_by_role("table").get_by_role("link", name=COMMUNE[language]).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(COMMUNE[language])
    expect(page.get_by_text(say("National rank"))).to_be_visible()
    screenshot(page, f"scorecard-{language}-{width}")

    page.get_by_role("link", name=say("Its budgets and accounts")).click()
    page.get_by_role("link", name=re.compile(say("Adopted budget"))).click()
    expect(page.get_by_role("table").first).to_be_visible()
    screenshot(page, f"budget-{language}-{width}")

    page.get_by_role("link", name=say("Verify a document")).click()
    page.get_by_role("button", name=say("Verify"), exact=True).click()
    expect(page.locator("#error-summary")).to_be_focused()  # an empty code: said, and found
    receipt = Receipt.objects.select_related("dossier").first()
    read_aloud = codes.grouped(receipt.verification_code).lower()  # as a person types it
    page.get_by_label(say("Verification code")).fill(read_aloud)
    page.get_by_role("button", name=say("Verify"), exact=True).click()
    expect(page.get_by_role("status")).to_contain_text(
        say("This document is genuine: Idara issued it.")
    )
    expect(page.locator("main")).to_contain_text(receipt.dossier.reference)
    assert f"/{language}/verify/?code={read_aloud}" in page.url
    screenshot(page, f"verified-{language}-{width}")
