"""The demo agent works a dossier from the inbox to a decision in a real browser, signing in
with the second factor, in French then Arabic."""

import pytest
from playwright.sync_api import expect

from idara.demo.accounts import demo_totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOTIVATION = "Le projet dépasse la hauteur autorisée par le plan d'aménagement."


def test_the_agent_works_a_dossier_from_inbox_to_decision(new_page, live_server, demo, screenshot):
    page = new_page(1280, javascript=False)
    page.goto(f"{live_server.url}/fr/backoffice/login/")
    page.get_by_label("Adresse électronique").fill("agent@demo.idara.ma")
    page.get_by_label("Mot de passe").fill("idara-demo")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Second facteur")
    page.goto(f"{live_server.url}/fr/backoffice/dossiers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Second facteur")  # no way around it
    page.get_by_label("Code").fill(demo_totp_code())
    page.get_by_role("button", name="Confirmer").click()

    page.goto(f"{live_server.url}/fr/backoffice/dossiers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Boîte de réception")
    screenshot(page, "inbox-fr-1280")
    page.locator("tbody tr").filter(has_text="En instruction").get_by_role("link").click()
    page.get_by_label("Motifs du refus (obligatoires)").fill(MOTIVATION)
    page.get_by_role("button", name="Refuser").click()
    expect(page.locator(".messages")).to_contain_text("C’est fait.")
    expect(page.locator("dl.facts").first).to_contain_text("Refusé")

    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("dl.facts").first).to_contain_text("مرفوض")
    screenshot(page, "dossier-agent-ar-1280")


def tab_to(page, text: str, most: int = 80) -> None:
    """Move the focus with the Tab key alone until it reaches the control that says `text`."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement === document.body ? '' : document.activeElement.innerText"
        )
        if text in focused:
            return
    raise AssertionError(f"the keyboard never reaches {text!r}")


def press_enter(page) -> None:
    """Activate the focused link or button, and wait for the page it leads to."""
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_the_agent_practises_with_the_keyboard_on_a_small_laptop(new_page, live_server, demo):
    page = new_page(1024, 600)
    page.goto(f"{live_server.url}/fr/backoffice/login/")
    page.get_by_label("Adresse électronique").fill("agent@demo.idara.ma")
    page.get_by_label("Mot de passe").fill("idara-demo")
    press_enter(page)
    page.get_by_label("Code").fill(demo_totp_code())
    press_enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon espace")

    tab_to(page, "Mode formation")
    press_enter(page)
    tab_to(page, "Commencer l’exercice")
    press_enter(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Boîte de réception — mode formation")
    tab_to(page, "EX-")
    press_enter(page)
    expect(page.get_by_role("note")).to_contain_text("Dossier d’exercice")
    tab_to(page, "Prendre en instruction")
    press_enter(page)
    expect(page.locator("dl.facts").first).to_contain_text("En instruction")
    # Nothing runs off the side of a small laptop's screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
