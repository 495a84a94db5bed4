"""On the demo, a citizen orders a birth extract, pays it online, the agent issues it, the
citizen downloads it and its QR code's page confirms it; in a real browser, in French without
JavaScript and in Arabic on a phone."""

from decimal import Decimal

import pytest
from django.utils import formats, translation
from playwright.sync_api import expect

from idara.demo.accounts import demo_totp_code
from idara.dossiers.models import Dossier
from idara.tests.words import EVERY_LANGUAGE_AND_WINDOW, words_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("sandbox_payments"),
]


def sign_in(page, base, email):
    page.goto(f"{base}/fr/backoffice/login/")
    page.get_by_label("Adresse électronique").fill(email)
    page.get_by_label("Mot de passe").fill("idara-demo")
    page.get_by_role("button", name="Se connecter").click()


@EVERY_LANGUAGE_AND_WINDOW
def test_a_birth_extract_ordered_paid_issued_and_verified(
    new_page, live_server, demo, screenshot, language, width, javascript
):
    say = words_in(language)
    base = live_server.url
    citizen = new_page(width, javascript=javascript)
    citizen.goto(f"{base}/{language}/backoffice/login/")
    citizen.get_by_label(say("Email address")).fill("citizen@demo.idara.ma")
    citizen.get_by_label(say("Password")).fill("idara-demo")
    citizen.get_by_role("button", name=say("Sign in")).click()
    citizen.goto(
        f"{base}/{language}/procedures/extrait-acte-naissance/file/?collectivity=01.151.01.01."
    )
    citizen.locator("#id_family_name").fill("El Idrissi")
    citizen.locator("#id_given_name").fill("Amina")
    citizen.locator("#id_birth_date").fill("1990-04-12")
    citizen.locator("#id_act_number").fill("1234")
    citizen.locator("#id_act_year").fill("1990")
    citizen.locator("#id_relation").select_option("self")
    citizen.locator("#id_copies").fill("1")
    citizen.get_by_role("button", name=say("Send my application")).click()
    expect(citizen.locator(".messages[role=status]")).to_contain_text(
        say("Your application was received. Here is your receipt.")
    )
    with translation.override(language):
        fee = formats.localize(Decimal("2.00"), use_l10n=True)
    citizen.get_by_role("button", name=say("Pay %(amount)s MAD online", amount=fee)).click()
    expect(citizen.get_by_role("heading", level=1)).to_have_text(say("Payment (test provider)"))
    citizen.get_by_role("button", name=say("Cancel"), exact=True).click()
    # Issue 25: "nothing said after a cancelled payment".
    expect(citizen.locator("#pay-title + p[role=alert]")).to_be_visible()
    citizen.get_by_role("button", name=say("Pay %(amount)s MAD online", amount=fee)).click()
    citizen.get_by_role("button", name=say("Pay"), exact=True).click()
    expect(citizen.locator("main")).to_contain_text(say("Fee paid: %(amount)s MAD.", amount=fee))
    screenshot(citizen, f"civil-extract-paid-{language}-{width}")

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
    agent.get_by_role("button", name="Oui, accepter").click()
    expect(agent.locator(".messages")).to_contain_text("C’est fait.")
    expect(agent.locator("dl.facts").first).to_contain_text("Accepté")

    agent.goto(f"{base}/ar/backoffice/collectivities/01.151.01.01./register/")
    expect(agent.get_by_role("heading", level=1)).to_contain_text("سجل الحالة المدنية")
    assert agent.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    extract = order.issued.get(kind="civil_extract")
    citizen.goto(f"{base}/{language}/my/dossiers/{order.pk}/")
    with translation.override(language):
        link = f"{extract.get_kind_display()} (PDF)"
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name=link).click(modifiers=["Alt"])
    assert download.value.path().read_bytes().startswith(b"%PDF-")
    citizen.goto(f"{base}/verify/{extract.verification_code}")
    expect(citizen.locator("main")).to_contain_text(order.reference)
