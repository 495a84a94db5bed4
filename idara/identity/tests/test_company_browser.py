"""A manager registers their company and names a member, in the real browser without
JavaScript (Arabic on a phone, French on a laptop); the filing page offers to file for it.
Every page is checked by axe and for reflow (the new_page fixture)."""

import pytest
from playwright.sync_api import expect

from idara.conftest import make_user
from idara.dossiers.tests.helpers import pdf_bytes
from idara.tests.signing_in import sign_in
from idara.tests.words import words_in
from idara.text import quoted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("ar", 375), ("fr", 1280)])
def test_a_company_registered_then_a_member_named(
    new_page, live_server, offered, language, width, screenshot
):
    say = words_in(language)
    base = live_server.url
    make_user("gerante@atlas.ma", full_name="Nadia Berrada")
    page = new_page(width, javascript=False)
    sign_in(page, base, language, "gerante@atlas.ma")
    page.get_by_role("link", name=say("My space"), exact=True).click()
    page.get_by_role("link", name=say("My companies")).click()
    page.get_by_label(say("ICE of the company")).fill("001525384000071")
    page.get_by_label(say("Legal name, as registered")).fill("Atlas Bâtiment SARL")
    page.get_by_label(say("Proof that you represent it")).set_input_files(
        files=[{"name": "rc.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    page.get_by_role("button", name=say("Register the company")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atlas Bâtiment SARL")

    page.get_by_label(say("CNIE number of the member")).fill("JK45678")
    page.get_by_label(say("E-mail address of the member")).fill("hassan@atlas.ma")
    page.locator("#id_full_name_ar").fill("حسن آيت علي")
    page.locator("#id_full_name").fill("Hassan Ait Ali")
    page.get_by_role("button", name=say("Add the member")).click()
    expect(page.locator("main")).to_contain_text("حسن آيت علي")
    screenshot(page, f"company-{language}-{width}")

    page.goto(f"{base}/{language}/procedures/permis-demolir/file/?collectivity={offered.code}")
    expect(
        page.get_by_label(say("For the company %(name)s", name=quoted("Atlas Bâtiment SARL")))
    ).to_be_visible()
