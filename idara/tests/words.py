"""The browser journeys read the interface through its translation catalogues, so that the
same steps walk the Arabic and the French pages."""

from django.utils import translation


def words_in(language: str):
    """`say(msgid, **values)`: the text the interface shows in `language`."""

    def say(text: str, **values) -> str:
        with translation.override(language):
            said = str(translation.gettext(text))
        return said % values if values else said

    return say
