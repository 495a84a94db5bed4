"""Issue 6, done: on the demo, a citizen orders a birth extract, pays it online, the agent
issues it, and its QR code's page confirms it; in a real browser, without JavaScript."""

import pytest
from playwright.sync_api import expect

from idara.demo.accounts import demo_totp_code
from idara.dossiers.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base, email):
    page.goto(f"{base}/fr/backoffice/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill("idara-demo")
    page.get_by_role("button", name="Se connecter").click()


def test_a_birth_extract_ordered_paid_issued_and_verified(new_page, live_server, demo, screenshot):
    base = live_server.url
    citizen = new_page(1280, javascript=False)
    sign_in(citizen, base, "citizen@demo.idara.ma")
    citizen.goto(f"{base}/fr/procedures/extrait-acte-naissance/file/?collectivity=01.151.01.01.")
    citizen.locator("#id_family_name").fill("El Idrissi")
    citizen.locator("#id_given_name").fill("Amina")
    citizen.locator("#id_birth_date").fill("1990-04-12")
    citizen.locator("#id_act_number").fill("1234")
    citizen.locator("#id_act_year").fill("1990")
    citizen.locator("#id_relation").select_option("self")
    citizen.locator("#id_copies").fill("1")
    citizen.get_by_role("button", name="Envoyer ma demande").click()
    expect(citizen.locator(".messages[role=status]")).to_contain_text("Votre demande a été reçue")
    citizen.get_by_role("button", name="Payer 2,00 MAD en ligne").click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text("Paiement (prestataire de test)")
    citizen.get_by_role("button", name="Payer", exact=True).click()
    expect(citizen.locator("main")).to_contain_text("Droit payé : 2,00 MAD.")

    order = Dossier.objects.filter(
        applicant__email="citizen@demo.idara.ma", payments__status="paid", status="submitted"
    ).get()
    agent = new_page(1280, javascript=False)
    sign_in(agent, base, "agent@demo.idara.ma")
    agent.get_by_label("Code").fill(demo_totp_code())
    agent.get_by_role("button", name="Confirmer").click()
    agent.goto(f"{base}/fr/backoffice/dossiers/{order.pk}/")
    expect(agent.locator("#register-title")).to_be_visible()
    expect(agent.locator("main")).to_contain_text("La demande correspond à l’acte.")
    screenshot(agent, "civil-extract-agent-fr-1280")
    agent.get_by_role("button", name="Délivrer le document (signé)").click()
    expect(agent.locator(".messages")).to_contain_text("C’est fait.")
    expect(agent.locator("dl.facts").first).to_contain_text("Accepté")

    agent.goto(f"{base}/ar/backoffice/collectivities/01.151.01.01./register/")
    expect(agent.get_by_role("heading", level=1)).to_contain_text("سجل الحالة المدنية")
    assert agent.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    code = order.issued.get(kind="civil_extract").verification_code
    citizen.goto(f"{base}/verify/{code}")
    expect(citizen.locator("main")).to_contain_text(order.reference)
