"""Issue 25, item 12: what a reader notices on a page before anything else."""

import re
from decimal import Decimal

import pytest
from django.utils import translation

from idara.catalog.templatetags.fiches import mad
from idara.text import listed

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_amounts_are_written_with_their_thousands_apart(language):
    """ "amounts without thousands separators ("25570000,00")"."""
    with translation.override(language):
        written = mad(Decimal("25570000"))
    assert re.fullmatch(r"25\s570\s000,00", written), written


def test_what_is_delivered_at_once_says_so(client, catalogue):
    """ "Délai légal 0 jour" for what is delivered at once."""
    page = client.get("/fr/procedures/extrait-acte-naissance/").content.decode()
    assert "Délivré immédiatement, sur place" in page
    assert not re.search(r"\b0 jour", page)
    page = client.get("/ar/procedures/extrait-acte-naissance/").content.decode()
    assert "يسلم فورا" in page


def test_an_error_page_says_error_in_its_title(client, db):
    page = client.get("/fr/nothing-here/").content.decode()
    assert re.search(r"<title>Erreur\s*:", page)
    page = client.get("/ar/nothing-here/").content.decode()
    assert re.search(r"<title>خطأ\s*:", page)


def test_the_browser_finds_the_sites_icon(client, db):
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"].endswith(".svg")


def test_an_arabic_list_takes_the_arabic_comma():
    """ "a Latin comma in Arabic text"."""
    with translation.override("ar"):
        assert listed(["PDF", "JPEG"]) == "PDF، JPEG"
    with translation.override("fr"):
        assert listed(["PDF", "JPEG"]) == "PDF, JPEG"
