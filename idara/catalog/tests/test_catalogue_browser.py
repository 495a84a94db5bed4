"""A citizen finds a procedure and reads its fiche in a real browser, in Arabic then French."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "laptop"])
def test_a_citizen_finds_a_procedure_of_their_commune(
    new_page, live_server, demo, screenshot, width
):
    page = new_page(width, javascript=False)
    page.goto(f"{live_server.url}/ar/collectivities/01.151.01.01./")
    online = page.get_by_role("region", name="المساطر عبر الإنترنت")
    assert "15 من أصل 45" in online.inner_text()
    online.get_by_role("link", name="النسخة الموجزة من رسم الولادة").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("النسخة الموجزة من رسم الولادة")
    assert page.get_by_text("تقترح شفشاون هذه المسطرة عبر الإنترنت منذ").is_visible()
    screenshot(page, f"fiche-ar-{width}")

    page.get_by_role("link", name="Français").click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_text("2,00 dirhams")).to_be_visible()
    assert "?collectivity=01.151.01.01." in page.url  # the same fiche, for the same commune


def test_search_the_catalogue_by_keyboard(new_page, live_server, demo):
    page = new_page()
    page.goto(f"{live_server.url}/fr/procedures/")
    page.get_by_label("Rechercher une démarche").fill("demolir")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Permis de démolir").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Permis de démolir")
    expect(page.get_by_text("Le silence au-delà du délai vaut acceptation")).to_be_visible()
