"""The public pages in a real browser: Arabic right to left, French one click away."""

import pytest
from playwright.sync_api import expect

from idara.territories.services import load_territories_file

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
LAPTOP = {"width": 1280, "height": 800}


@pytest.fixture
def territories(transactional_db):
    load_territories_file()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_home_in_arabic_then_french_then_a_collectivity(
    new_page, live_server, territories, screenshot, viewport
):
    page = new_page(viewport["width"], viewport["height"], javascript=False)
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.get_by_role("heading", level=1).inner_text() == "مساطر جماعتك، عبر الإنترنت"
    screenshot(page, f"home-ar-{viewport['width']}")

    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{live_server.url}/fr/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")

    page.get_by_role("link", name="Tanger-Tétouan-Al Hoceïma").click()
    page.get_by_role("link", name="Chefchaouen").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chefchaouen")
    page.get_by_role("link", name="Chefchaouen").last.click()
    page.wait_for_url("**/fr/collectivities/01.151.01.01./")
    expect(page.get_by_text("Bureau d'état civil")).to_be_visible()
    screenshot(page, f"commune-fr-{viewport['width']}")

    page.get_by_role("link", name="العربية").click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("شفشاون")


def test_search_from_the_home_page_by_keyboard(new_page, live_server, territories):
    page = new_page()
    page.goto(f"{live_server.url}/fr/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.get_by_label("Trouver une collectivité par son nom").fill("tiznit")
    page.keyboard.press("Enter")
    page.wait_for_url("**/fr/collectivities/?q=tiznit")
    expect(page.get_by_role("link", name="Tiznit").first).to_be_visible()
