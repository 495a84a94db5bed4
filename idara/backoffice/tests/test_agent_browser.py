"""The demo agent works a dossier from the inbox to a decision in a real browser, signing in
with the second factor, in French and in Arabic."""

import pytest
from playwright.sync_api import expect

from idara.demo.accounts import demo_totp_code
from idara.tests.words import EVERY_LANGUAGE_AND_WINDOW, words_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MOTIVATION = "Le projet dépasse la hauteur autorisée par le plan d'aménagement."
QUESTION = "La façade respecte-t-elle le règlement de la médina ?"


@EVERY_LANGUAGE_AND_WINDOW
def test_the_agent_works_a_dossier_from_inbox_to_decision(
    new_page, live_server, demo, screenshot, language, width, javascript
):
    """Issue 12: "an agent logs in with their second factor, works the inbox, asks an opinion,
    decides"."""
    other = "ar" if language == "fr" else "fr"

    say = words_in(language)
    base = f"{live_server.url}/{language}"
    page = new_page(width, javascript=javascript)
    page.goto(f"{base}/backoffice/login/")
    page.get_by_label(say("Email address")).fill("agent@demo.idara.ma")
    page.get_by_label(say("Password")).fill("idara-demo")
    page.get_by_role("button", name=say("Sign in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(say("Second factor"))
    page.goto(f"{base}/backoffice/dossiers/")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("Second factor"))  # no way round
    page.get_by_label(say("Code")).fill(demo_totp_code())
    page.get_by_role("button", name=say("Confirm")).click()

    page.goto(f"{base}/backoffice/dossiers/")
    expect(page.get_by_role("heading", level=1)).to_have_text(say("Inbox"))
    due_date_seen_first(page, width)
    screenshot(page, f"inbox-{language}-{width}")
    page.locator("tbody tr").filter(has_text=say("In review")).first.get_by_role("link").click()

    asked_of = page.locator("#service option").all_inner_texts()
    assert len(asked_of) == len(set(asked_of)), asked_of  # the commune's and the province's
    asked = asked_of[0]  # the service chosen by default
    page.get_by_label(say("Due in (days)")).fill("")
    page.get_by_label(say("Question"), exact=True).fill(QUESTION)
    page.get_by_role("button", name=say("Ask"), exact=True).click()
    refused_beside_the_form(page, say("Enter a whole number."), "#refused-ask_opinion")
    expect(page.get_by_label(say("Question"), exact=True)).to_have_value(QUESTION)  # kept
    page.get_by_label(say("Due in (days)")).fill("7")
    page.get_by_role("button", name=say("Ask"), exact=True).click()
    expect(page.locator(".messages")).to_contain_text(say("Done."))
    expect(page.locator("main")).to_contain_text(QUESTION)  # the opinion asked, awaited

    page.get_by_label(say("Reasons for the refusal (required)")).fill("Trop haut.")
    page.get_by_role("button", name=say("Refuse"), exact=True).click()
    motivate = "A refusal must be motivated in writing (at least %(n)s characters)."
    refused_beside_the_form(page, say(motivate, n=20), "#refused-refuse")
    reasons = page.get_by_label(say("Reasons for the refusal (required)"))
    expect(reasons).to_have_value("Trop haut.")
    reasons.fill(MOTIVATION)
    page.get_by_role("button", name=say("Refuse"), exact=True).click()
    # Issue 25: "a decision must be confirmed, with what is still pending said".
    confirm = page.locator("#confirm")
    expect(confirm).to_contain_text(say("These opinions were asked and are not given yet:"))
    expect(confirm).to_contain_text(asked)
    confirm.get_by_role("button", name=say("Yes, refuse")).click()
    expect(page.locator(".messages")).to_contain_text(say("Done."))
    expect(page.locator("dl.facts").first).to_contain_text(say("Refused"))
    screenshot(page, f"dossier-agent-{language}-{width}")

    page.get_by_role("link", name={"ar": "العربية", "fr": "Français"}[other]).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if other == "ar" else "ltr")
    expect(page.locator("dl.facts").first).to_contain_text(words_in(other)("Refused"))


def due_date_seen_first(page, width: int) -> None:
    """Issue 25: "At 390 px the inbox's legal due date, its key column, is entirely off-screen";
    on a phone each dossier is a card, its due date first."""
    row = page.locator("tbody tr").first
    due = row.locator("td.due").bounding_box()
    assert 0 <= due["x"] and due["x"] + due["width"] <= width
    if width < 640:
        assert due["y"] < row.locator("th").bounding_box()["y"]


def refused_beside_the_form(page, reason: str, beside: str) -> None:
    """Issue 25: a refusal is told as an error, not as a success, beside the form sent."""
    expect(page.locator(".errors[role=alert]")).to_contain_text(reason)
    expect(page.locator(".messages")).to_have_count(0)
    expect(page.locator(beside)).to_be_visible()


def tab_to(page, text: str, most: int = 80) -> None:
    """Move the focus with the Tab key alone until it reaches the control that says `text`."""
    for _ in range(most):
        page.keyboard.press("Tab")
        focused = page.evaluate(  # a control, not a box holding it (a table's scroll region)
            "document.activeElement.matches('a, button') ? document.activeElement.innerText : ''"
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
