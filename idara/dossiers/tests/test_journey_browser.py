"""A citizen's whole journey in a real browser, in Arabic on a phone without JavaScript and in
French on a laptop with it: sign in, file a procedure with its documents, get the receipt,
answer the request for documents, download the decision."""

import pytest
from playwright.sync_api import expect

from idara.dossiers import services
from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import ask_to_replace, pdf_bytes
from idara.payments.services import record_counter_payment
from idara.tests.words import EVERY_LANGUAGE_AND_WINDOW

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "ar": {
        "email": "البريد الإلكتروني",
        "password": "كلمة المرور",
        "sign_in": "تسجيل الدخول",
        "procedure": "رخصة الإصلاح",
        "file": "إيداع هذه المسطرة عبر الإنترنت",
        "send": "إرسال طلبي",
        "received": "تم التوصل بطلبك",
        "send_answer": "إرسال جوابي",
        "decision": "قرار بالقبول (PDF)",
        "whole": "تم التوصل به كاملا",
    },
    "fr": {
        "email": "Adresse électronique",
        "password": "Mot de passe",
        "sign_in": "Se connecter",
        "procedure": "Permis de réfection",
        "file": "Déposer cette démarche en ligne",
        "send": "Envoyer ma demande",
        "received": "Votre demande a été reçue",
        "send_answer": "Envoyer ma réponse",
        "decision": "Décision d’acceptation (PDF)",
        "whole": "Reçu en entier",
    },
}


@EVERY_LANGUAGE_AND_WINDOW
def test_a_citizen_files_answers_and_gets_the_decision(
    new_page, live_server, demo, screenshot, tmp_path, language, width, javascript
):
    words = WORDS[language]
    page = new_page(width, javascript=javascript)
    page.goto(f"{live_server.url}/{language}/backoffice/login/")
    page.get_by_label(words["email"]).fill("citizen@demo.idara.ma")
    page.get_by_label(words["password"]).fill("idara-demo")
    page.get_by_role("button", name=words["sign_in"]).click()

    page.goto(f"{live_server.url}/{language}/collectivities/01.151.01.01./")
    page.get_by_role("link", name=words["procedure"]).click()
    page.get_by_role("link", name=words["file"]).click()
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator("#error-summary")).to_be_focused()  # nothing filled: every mistake listed
    screenshot(page, f"filing-errors-{language}-{width}")

    page.locator("#id_address").fill(
        "Derb Souika, maison 12" if language == "fr" else "درب السويقة، المنزل 12"
    )
    page.locator("#id_works").fill("Réfection de la toiture et des enduits de façade")
    page.locator("#id_surface").fill("85,5")
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(pdf_bytes())
    for field in page.locator("input[type=file]").all():
        field.set_input_files(str(plan))
    if javascript:  # the files go ahead in resumable pieces: the form waits for them
        expect(page.get_by_role("status").filter(has_text=words["whole"])).to_have_count(
            page.locator("input[type=file]").count(), timeout=30_000
        )
    page.get_by_role("button", name=words["send"]).click()
    expect(page.locator(".messages[role=status]")).to_contain_text(words["received"])
    screenshot(page, f"dossier-{language}-{width}")
    with page.expect_download() as receipt:
        page.locator("a[href$='receipt.pdf']").click(modifiers=["Alt"])
    assert receipt.value.path().read_bytes().startswith(b"%PDF-")

    dossier = Dossier.objects.filter(procedure_version__procedure__slug="permis-refection").latest(
        "submitted_at"
    )
    agent = dossier.service.memberships.get().user
    ask_to_replace(agent, dossier, [dossier.procedure_version.documents.first().code])
    page.reload()
    page.locator("section.notice input[type=file]").first.set_input_files(str(plan))
    page.get_by_role("button", name=words["send_answer"]).click()
    expect(page.locator(".messages[role=status]")).to_be_visible()
    assert Dossier.objects.get(pk=dossier.pk).status == "in_review"

    dossier.refresh_from_db()
    record_counter_payment(agent, dossier, dossier.fee_mad, "Q-2026-001")  # before the document
    services.accept(agent, dossier)
    page.reload()
    with page.expect_download() as decision:
        page.get_by_role("link", name=words["decision"]).click(modifiers=["Alt"])
    assert decision.value.path().read_bytes().startswith(b"%PDF-")
