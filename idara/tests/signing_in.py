"""Signing in through the real page, for the browser tests."""

from idara.tests.words import words_in

PASSWORD = "a long passphrase"  # conftest.make_user's


def sign_in(page, base: str, language: str, email: str, password: str = PASSWORD) -> None:
    """The citizens' page; an agent is then asked for the second factor."""
    say = words_in(language)
    page.goto(f"{base}/{language}/account/login/")
    page.get_by_label(say("Email address")).fill(email)
    page.get_by_label(say("Password")).fill(password)
    page.get_by_role("button", name=say("Sign in"), exact=True).click()
