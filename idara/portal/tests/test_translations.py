"""Every interface string has its Arabic and French text; the compiled catalogues are current."""

import os
import shutil
import subprocess
import sys
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


def test_no_string_of_the_code_is_missing_from_the_catalogues(tmp_path):
    """Issue 12: "a test fails on a missing translation". A string added to a template or to
    the code without `makemessages` would show in English: gather the strings afresh from a
    copy of the sources and find each in the catalogue."""
    copy = tmp_path / "idara"
    shutil.copytree(LOCALE.parent, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "fr", "--no-obsolete"],
        cwd=copy, env=environment, check=True, capture_output=True,
    )  # fmt: skip
    gathered = {e.msgid for e in polib.pofile(str(copy / "locale/fr/LC_MESSAGES/django.po"))}
    for language in ("ar", "fr"):
        catalogue = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        assert gathered - {e.msgid for e in catalogue if not e.obsolete} == set(), language
