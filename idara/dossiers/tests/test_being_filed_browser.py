"""R3 (Law 55-19 art. 10 §1, 16 §3) in a real browser: a citizen files with a document missing
and gets the receipt of a file being filed, brings the document from their page, and sees the
due date counted from that day. In Arabic on a phone without JavaScript, and in French on a
laptop with it (the documents then go up by resumable upload)."""

import pytest
from playwright.sync_api import expect

from idara.dossiers import selectors
from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import SHOP, pdf_bytes
from idara.tests.words import words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long passphrase"  # conftest.make_user's
LEFT_OUT = "photographie-local"


def a_pdf(name: str) -> dict:
    return {
        "name": f"{name}.pdf",
        "mimeType": "application/pdf",
        "buffer": pdf_bytes(name.encode()),
    }


@pytest.mark.parametrize(
    "language, width, javascript",
    [("ar", 375, False), ("fr", 1280, True)],
    ids=["arabic-phone-without-javascript", "french-laptop"],
)
def test_filed_with_a_document_missing_then_completed(
    new_page, live_server, shop_offered, commune, citizen, screenshot, language, width, javascript
):
    say = words_in(language)
    base = live_server.url
    page = new_page(width, javascript=javascript)
    page.goto(f"{base}/{language}/backoffice/login/")
    page.get_by_label(say("Email address")).fill(citizen.email)
    page.get_by_label(say("Password")).fill(PASSWORD)
    page.get_by_role("button", name=say("Sign in")).click()

    page.goto(f"{base}/{language}/procedures/{SHOP}/file/?collectivity={commune.code}")
    page.locator("#id_trade_name").fill("Épicerie Al Baraka")
    page.locator("#id_activity_type").select_option("shop")
    page.locator("#id_activity").fill("Épicerie de quartier")
    page.locator("#id_address").fill("12 rue Al Amal, Chefchaouen")
    page.locator("#id_surface").fill("40")
    page.locator("#id_trade_register").fill("RC 12345")
    required = [
        d.code
        for d in shop_offered.documents.all()
        if d.mandatory and not d.required_when and d.code != LEFT_OUT
    ]
    for code in required:
        page.locator(f"#id_doc-{code}").set_input_files(files=[a_pdf(code)])
    if javascript:  # each file went up in pieces before the form is sent
        for code in required:
            expect(page.locator(f"input[name='resumed-{code}']")).not_to_have_value("")
    page.get_by_role("button", name=say("Send my application")).click()
    expect(page.locator(".messages")).to_contain_text(
        say(
            "Your application was received and is being filed: the documents missing are "
            "listed below and on your receipt."
        )
    )
    dossier = Dossier.objects.get(applicant=citizen)
    assert (dossier.status, dossier.missing_documents) == ("being_filed", [LEFT_OUT])
    expect(page.locator("#missing-title")).to_be_visible()
    screenshot(page, f"being-filed-{language}-{width}")

    page.locator(f"#doc-{LEFT_OUT}").set_input_files(files=[a_pdf(LEFT_OUT)])
    page.get_by_role("button", name=say("Send the documents")).click()
    expect(page.locator("#missing-title")).to_have_count(0)
    complete = Dossier.objects.get(pk=dossier.pk)
    assert complete.status == "submitted" and complete.complete_on is not None
    due = selectors.legal_view(complete).due
    expect(page.locator("main")).to_contain_text(due.isoformat())
    screenshot(page, f"completed-{language}-{width}")
