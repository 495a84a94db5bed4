"""The browser journeys read the interface through its translation catalogues, so that the
same steps walk the Arabic and the French pages."""

import pytest
from django.utils import translation


def words_in(language: str):
    """`say(msgid, **values)`: the text the interface shows in `language`."""

    def say(text: str, **values) -> str:
        with translation.override(language):
            said = str(translation.gettext(text))
        return said % values if values else said

    return say


# Issue 12: each journey "in Arabic and in French, on a phone-sized and a laptop-sized window",
# and "also with JavaScript disabled": all four, two of them (one per language) without it.
EVERY_LANGUAGE_AND_WINDOW = pytest.mark.parametrize(
    "language, width, javascript",
    [("ar", 375, False), ("ar", 1280, True), ("fr", 375, True), ("fr", 1280, False)],
    ids=[
        "arabic-phone-without-javascript",
        "arabic-laptop",
        "french-phone",
        "french-laptop-without-javascript",
    ],
)
