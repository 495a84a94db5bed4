"""An architect records a mandate and files a demolition permit for the owner, in the real
browser without JavaScript (Arabic on a phone, French on a laptop); the owner, signed in with
the same CNIE, types the receipt's code and follows the dossier. Every page is checked by axe
and for reflow (the new_page fixture)."""

import pytest
from playwright.sync_api import expect

from idara.conftest import make_user
from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import DEMOLITION_DATA, DEMOLITION_DOCUMENT, pdf_bytes
from idara.tests.signing_in import sign_in, sign_in_as_staff
from idara.tests.words import words_in
from idara.text import quoted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("ar", 375), ("fr", 1280)])
def test_an_architect_files_for_the_owner_who_then_follows_it(
    new_page, live_server, offered, agent, language, width, screenshot
):
    say = words_in(language)
    base = live_server.url
    make_user("architecte@example.ma", full_name="Karim Alaoui")
    owner = make_user("owner@example.ma", full_name="Salma Idrissi")
    owner.national_id = "BK123456"
    owner.save()

    page = new_page(width, javascript=False)
    sign_in(page, base, language, "architecte@example.ma")
    page.get_by_role("link", name=say("My space"), exact=True).click()
    page.get_by_role("link", name=say("Acting for someone else")).click()
    page.get_by_label(say("I act as")).select_option("architect")
    page.get_by_label(say("CNIE number of the person you act for")).fill("BK123456")
    page.locator("#id_full_name_ar").fill("سلمى الإدريسي")
    page.locator("#id_full_name").fill("Salma Idrissi")
    page.get_by_label(say("Architect: your order number")).fill("ARC-1234")
    page.get_by_role("button", name=say("Record the mandate")).click()
    expect(page.locator("main")).to_contain_text(say("To be checked by the agent"))

    page.goto(f"{base}/{language}/procedures/permis-demolir/file/?collectivity={offered.code}")
    page.get_by_label(
        say(
            "For %(name)s, as: %(kind)s",
            name=quoted("Salma Idrissi"),  # the name her account holds, as she wrote it
            kind=say("Architect of the owner's project"),
        )
    ).check()
    for field, value in DEMOLITION_DATA.items():
        page.locator(f"#id_{field}").fill(str(value))
    page.locator(f"#id_doc-{DEMOLITION_DOCUMENT}").set_input_files(
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    screenshot(page, f"file-for-the-owner-{language}-{width}")
    page.get_by_role("button", name=say("Send my application")).click()
    dossier = Dossier.objects.get()
    page.wait_for_url(f"**/{language}/my/dossiers/{dossier.pk}/")
    assert (dossier.applicant, dossier.mandate.representative.email) == (
        owner,
        "architecte@example.ma",
    )

    page.context.clear_cookies()
    sign_in(page, base, language, "owner@example.ma")
    page.goto(f"{base}/{language}/account/claim/")
    page.get_by_label(say("Code printed on the receipt")).fill(dossier.claim_code)
    page.get_by_role("button", name=say("Add it to my space")).click()
    page.wait_for_url(f"**/{language}/my/dossiers/{dossier.pk}/")
    expect(page.get_by_text(dossier.reference).first).to_be_visible()
    page.goto(f"{base}/{language}/account/mandates/")
    expect(page.locator("main")).to_contain_text(say("acts for you"))

    page.context.clear_cookies()  # the agent checks the mandate on the dossier's page
    sign_in_as_staff(page, base, language, agent)
    page.goto(f"{base}/{language}/backoffice/dossiers/{dossier.pk}/")
    page.locator("#proof-valid").check()
    page.get_by_role("button", name=say("Record the check")).click()
    expect(page.locator("#proof-title")).to_be_visible()
    expect(page.locator("section[aria-labelledby=proof-title]")).to_contain_text(say("Checked"))
