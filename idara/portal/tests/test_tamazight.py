"""Issue 12: "Tamazight (`zgh`, Tifinagh) for the public pages", with "dates and numbers in
each locale's format". Other pages asked in Tamazight open in Arabic."""

import re

import pytest
from django.utils import translation

from idara.territories.services import correct_names
from idara.tests.words import words_in

pytestmark = pytest.mark.django_db
say = words_in("zgh")
REVIEW_NOTICE = (
    "This translation has not yet been reviewed: the pages in Arabic and in French prevail. "
    "Names of collectivities and procedures are given in French."
)


def _page(client, path: str) -> str:
    answer = client.get(path)
    assert answer.status_code == 200, path
    return answer.content.decode()


@pytest.mark.parametrize(
    "path, heading",
    [
        ("/zgh/", "Your commune's procedures, online"),
        ("/zgh/procedures/", "The catalogue of procedures"),
        ("/zgh/transparency/", "Ranking of the collectivities"),
        ("/zgh/transparency/methodology/", "How the ranking is computed"),
        ("/zgh/verify/", "Verify a document"),
    ],
)
def test_the_public_pages_read_in_tifinagh_left_to_right(client, catalogue, path, heading):
    page = _page(client, path)
    assert '<html lang="zgh" dir="ltr">' in page
    assert f"<h1>{say(heading)}</h1>" in page
    assert re.search("[\u2d30-\u2d7f]", say(heading))  # the Tifinagh block, not a fallback
    # Readers are told the translation awaits its review, and which pages prevail.
    assert say(REVIEW_NOTICE) in page and say(REVIEW_NOTICE) != REVIEW_NOTICE


def test_a_collectivity_shows_its_name_in_tifinagh_where_it_has_one(client, commune, admin):
    correct_names(
        admin, commune, name_fr=commune.name_fr, name_ar=commune.name_ar, name_zgh="ⵛⴼⵛⴰⵡⵏ"
    )
    page = _page(client, f"/zgh/collectivities/{commune.code}/")
    assert "<h1>ⵛⴼⵛⴰⵡⵏ</h1>" in page
    assert f"<h1>{commune.name_fr}</h1>" in _page(client, f"/fr/collectivities/{commune.code}/")


def test_numbers_are_grouped_as_in_tamazight_publications(client, all_territories):
    page = _page(client, "/zgh/")
    assert "<strong>1\u202f590</strong>" in page  # a narrow space between thousands
    with translation.override("zgh"):
        from django.utils.formats import number_format

        assert number_format(1234.5, 1, use_l10n=True, force_grouping=True) == "1\u202f234,5"


@pytest.mark.parametrize("path", ["/zgh/backoffice/login/", "/zgh/my/dossiers/?page=2"])
def test_a_page_outside_the_public_ones_opens_in_arabic(client, path):
    answer = client.get(path)
    assert answer.status_code == 302
    assert answer["Location"] == path.replace("/zgh/", "/ar/", 1)


def test_tamazight_is_offered_on_public_pages_only(client, catalogue):
    assert 'hreflang="zgh"' in _page(client, "/fr/procedures/")
    assert 'hreflang="zgh"' not in _page(client, "/fr/backoffice/login/")
