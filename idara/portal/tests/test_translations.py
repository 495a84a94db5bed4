"""Every interface string has its Arabic and French text; the compiled catalogues are current."""

from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_string_is_translated(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_compiled_catalogue_matches_its_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    source = polib.pofile(str(folder / "django.po"))
    compiled = polib.mofile(str(folder / "django.mo"))
    as_dict = {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items()))) for e in compiled if e.msgid
    }
    assert as_dict == {
        (e.msgid, e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in source.translated_entries()
    }
