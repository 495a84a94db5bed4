"""Every interface string has its Arabic and French text, every string of the public pages its
Tamazight text; the compiled catalogues are current."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

LOCALE = Path(settings.LOCALE_PATHS[0])
TIFINAGH = re.compile("[\u2d30-\u2d7f]")


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_string_is_translated(language):
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


# Where the strings of the public pages (idara.portal.languages.PUBLIC_PAGES) come from.
PUBLIC_SOURCES = {
    "templates/base.html",
    "templates/pagination.html",
    "templates/form_errors.html",
    *(f"templates/{code}.html" for code in (400, 403, 404, 413, 429, 500)),
    *(
        f"portal/templates/portal/{name}.html"
        for name in (
            "home",
            "collectivity_list",
            "collectivity_detail",
            "procedure_list",
            "procedure_detail",
            "search_form",
        )
    ),
    "portal/views.py",
    *(
        f"transparency/templates/transparency/{name}.html"
        for name in (
            "ranking",
            "methodology",
            "open_data",
            "scorecard",
            "budgets",
            "budget",
            "share_meta",
        )
    ),
    *(
        f"transparency/{name}.py"
        for name in ("views", "budget_views", "models", "ranking", "indicators", "charts")
    ),
    "documents/templates/documents/verify.html",
    "documents/templates/documents/verify_by_code.html",
    "documents/forms.py",
    "permits/templates/permits/register.html",
    "catalog/fiche.py",
    "catalog/models.py",
    "catalog/templatetags/fiches.py",
    "territories/models.py",
}


def test_every_string_of_the_public_pages_is_in_tamazight():
    po = polib.pofile(str(LOCALE / "zgh" / "LC_MESSAGES" / "django.po"))
    public = [e for e in po if any(where in PUBLIC_SOURCES for where, _ in e.occurrences)]
    assert len(public) > 250
    assert [e.msgid for e in public if not e.translated() or e.fuzzy] == []
    # In Tifinagh, not a copy of the English or a text in Latin letters.
    assert [e.msgid for e in public if not TIFINAGH.search(e.msgstr or e.msgstr_plural[0])] == []


@pytest.mark.parametrize("language", ["ar", "fr", "zgh"])
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
