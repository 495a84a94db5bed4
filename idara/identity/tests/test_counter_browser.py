"""At the counter, in the real browser without JavaScript (Arabic on a phone, French on a
laptop): the agent files for a person known by their CNIE, no login made; the person's
password pages are theirs. Every page is checked by axe and for reflow (new_page)."""

import pytest
from playwright.sync_api import expect

from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import DEMOLITION_DATA, DEMOLITION_DOCUMENT, pdf_bytes
from idara.tests.signing_in import sign_in_as_staff
from idara.tests.words import words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "width"), [("ar", 375), ("fr", 1280)])
def test_the_agent_files_for_a_person_by_their_cnie(
    new_page, live_server, offered, agent, language, width, screenshot
):
    say = words_in(language)
    base = live_server.url
    page = new_page(width, javascript=False)
    sign_in_as_staff(page, base, language, agent)

    offering = offered.offerings.get(procedure__slug="permis-demolir")
    page.goto(f"{base}/{language}/backoffice/counter/{offering.pk}/")
    page.locator("#id_citizen-national_id").fill("JK45678")
    page.locator("#id_citizen-full_name_ar").fill("حسن آيت علي")
    page.locator("#id_citizen-full_name").fill("Hassan Ait Ali")
    for field, value in DEMOLITION_DATA.items():
        page.locator(f"#id_{field}").fill(str(value))
    page.locator(f"#id_doc-{DEMOLITION_DOCUMENT}").set_input_files(
        files=[{"name": "plan.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}]
    )
    screenshot(page, f"counter-{language}-{width}")
    page.get_by_role("button", name=say("File and issue the receipt")).click()
    dossier = Dossier.objects.get()
    page.wait_for_url(f"**/{language}/backoffice/dossiers/{dossier.pk}/")
    assert dossier.applicant.email is None and dossier.claim_code

    page.context.clear_cookies()
    page.goto(f"{base}/{language}/account/login/")
    page.get_by_role("link", name=say("Forgot your password?")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(say("Forgot your password?"))
