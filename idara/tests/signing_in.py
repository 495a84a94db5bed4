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


def sign_in_as_staff(page, base: str, language: str, user) -> None:
    """A staff account: its password, then a code of the authenticator enrolled for it."""
    from idara.conftest import current_code, enrol_second_factor

    device = user.totpdevice_set.filter(confirmed=True).first() or enrol_second_factor(user)
    say = words_in(language)
    sign_in(page, base, language, user.email)
    page.get_by_label(say("Code")).fill(current_code(device))
    page.get_by_role("button", name=say("Confirm")).click()
