"""Issue 25, items 2 and 3, in the browser: a valid document is never lost to another field's
mistake, and the uploader says the truth (a file too large or of another kind is refused when
it is chosen, before it is sent)."""

import hashlib

import pytest
from playwright.sync_api import expect

from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import pdf_bytes
from idara.tests.words import words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FORM = "/procedures/permis-refection/file/?collectivity=01.151.01.01."
RENAMED_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00 a program renamed plan.pdf" + bytes(2000)


def _signed_in(new_page, live_server, language, width, javascript):
    say = words_in(language)
    page = new_page(width, javascript=javascript)
    page.goto(f"{live_server.url}/{language}/backoffice/login/")
    page.get_by_label(say("E-mail address")).fill("citizen@demo.idara.ma")
    page.get_by_label(say("Password")).fill("idara-demo")
    page.get_by_role("button", name=say("Sign in")).click()
    page.goto(f"{live_server.url}/{language}{FORM}")
    return page, say


def _answer(page, address="درب السويقة، المنزل 12"):
    page.locator("#id_address").fill(address)
    page.locator("#id_works").fill("Réfection de la toiture")
    page.locator("#id_surface").fill("85")


def _filed_with(files: dict) -> Dossier:
    dossier = Dossier.objects.filter(procedure_version__procedure__slug="permis-refection").latest(
        "submitted_at"
    )
    assert dossier.data["works"] == "Réfection de la toiture"
    kept = {f.document_code: f.sha256 for f in dossier.files.all()}
    assert kept == {code: hashlib.sha256(content).hexdigest() for code, content in files.items()}
    return dossier


def test_without_javascript_the_good_documents_stay_when_one_is_refused(
    new_page, live_server, demo, tmp_path
):
    """In Arabic on a phone: a bad document 1 and good documents 2 and 3; once document 1 is
    mended, 2 and 3 were "هذه الوثيقة إلزامية", lost without a word."""
    page, say = _signed_in(new_page, live_server, "ar", 375, javascript=False)
    _answer(page)
    fields = page.locator("input[type=file]")
    codes = [f.get_attribute("name").removeprefix("doc-") for f in fields.all()]
    assert len(codes) >= 2
    contents = {code: pdf_bytes(code.encode()) for code in codes}
    for code in codes:
        path = tmp_path / f"{code}.pdf"
        path.write_bytes(RENAMED_PROGRAM if code == codes[0] else contents[code])
        page.locator(f"#id_doc-{code}").set_input_files(str(path))
    page.get_by_role("button", name=say("Send my application")).click()

    first = page.locator(".field").filter(has=page.locator(f"#id_doc-{codes[0]}"))
    expect(first.locator(".error")).to_be_visible()
    expect(page.locator("[id^=kept-]")).to_have_count(len(codes) - 1)
    expect(page.locator(f"#kept-{codes[1]}")).to_contain_text(f"{codes[1]}.pdf")

    mended = tmp_path / "mended.pdf"
    mended.write_bytes(contents[codes[0]])
    page.locator(f"#id_doc-{codes[0]}").set_input_files(str(mended))
    page.get_by_role("button", name=say("Send my application")).click()
    page.wait_for_url("**/my/dossiers/*/")
    _filed_with(contents)


def test_with_javascript_the_uploader_refuses_at_once_and_keeps_what_it_received(
    new_page, live_server, demo, tmp_path
):
    """In French on a laptop: a file over the limit is refused before a byte is sent, a program
    renamed .pdf at its first piece; the documents received stay when the form comes back for
    a missing answer."""
    page, say = _signed_in(new_page, live_server, "fr", 1280, javascript=True)
    pieces = []
    page.on("request", lambda r: r.method == "PATCH" and pieces.append(r.url))
    fields = page.locator("input[type=file]")
    codes = [f.get_attribute("name").removeprefix("doc-") for f in fields.all()]
    first = page.locator(".field").filter(has=page.locator(f"#id_doc-{codes[0]}"))
    limit = int(page.locator(f"#id_doc-{codes[0]}").get_attribute("data-max-mb"))

    too_large = tmp_path / "plans.pdf"
    too_large.write_bytes(pdf_bytes(bytes((limit + 1) * 1024 * 1024)))
    page.locator(f"#id_doc-{codes[0]}").set_input_files(str(too_large))
    expect(first.locator("p.error[role=status]")).to_contain_text(
        say("This file is %(size)s MB: at most %(n)s MB are accepted here.", size="", n=limit)[-30:]
    )
    assert pieces == []  # refused before a byte was sent

    program = tmp_path / "plan.pdf"
    program.write_bytes(RENAMED_PROGRAM)
    page.locator(f"#id_doc-{codes[0]}").set_input_files(str(program))
    expect(first.locator("p.error[role=status]")).to_contain_text("plan.pdf")
    expect(first.locator("p.error[role=status]")).not_to_contain_text(say("Sending the document…"))
    assert len(pieces) == 1  # its first piece only

    contents = {code: pdf_bytes(code.encode()) for code in codes}
    for code in codes:
        path = tmp_path / f"{code}.pdf"
        path.write_bytes(contents[code])
        page.locator(f"#id_doc-{code}").set_input_files(str(path))
    received = say(
        "Received in full, of a kind and size accepted here. It is filed when you send the "
        "application."
    )
    expect(page.get_by_role("status").filter(has_text=received)).to_have_count(len(codes))
    page.locator("#id_works").fill("Réfection de la toiture")
    page.locator("#id_surface").fill("85")
    page.get_by_role("button", name=say("Send my application")).click()  # no address

    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("[id^=kept-]")).to_have_count(len(codes))
    _answer(page, "Derb Souika, maison 12")
    page.get_by_role("button", name=say("Send my application")).click()
    page.wait_for_url("**/my/dossiers/*/")
    _filed_with(contents)
