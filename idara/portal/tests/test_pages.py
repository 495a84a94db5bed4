import gzip

import pytest
from django.contrib.staticfiles import finders
from django.db.models import Count

from idara.territories.models import Collectivity

pytestmark = pytest.mark.django_db


def test_the_root_sends_arabic_by_default_and_french_to_french_browsers(client):
    assert client.get("/")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")["Location"] == "/fr/"


@pytest.mark.parametrize(
    "path, lang, direction, heading, figures",
    [
        ("/ar/", "ar", "rtl", "مساطر جماعتك، عبر الإنترنت", ["1\xa0590", "1\xa0503"]),
        ("/fr/", "fr", "ltr", "Les démarches de votre commune, en ligne", ["1\xa0590", "1\xa0503"]),
    ],
)
def test_the_home_page_in_each_language(
    client, all_territories, path, lang, direction, heading, figures
):
    html = client.get(path).content.decode()
    assert f'<html lang="{lang}" dir="{direction}">' in html
    assert heading in html
    for figure in figures:
        assert f"<strong>{figure}</strong>" in html


def test_the_other_language_is_one_click_away_on_the_same_page(client, all_territories):
    html = client.get("/ar/collectivities/01.151./").content.decode()
    assert 'href="/fr/collectivities/01.151./"' in html
    html = client.get("/fr/collectivities/01.151./").content.decode()
    assert 'href="/ar/collectivities/01.151./"' in html


def test_a_province_page_lists_its_communes_and_its_place(client, all_territories):
    html = client.get("/fr/collectivities/01.151./").content.decode()
    assert "<h1>Chefchaouen</h1>" in html
    assert 'href="/fr/collectivities/01./"' in html  # its region, in the breadcrumb
    assert 'href="/fr/collectivities/01.151.01.01./"' in html  # one of its communes
    assert "Communes" in html


def test_a_commune_page_shows_its_services_in_arabic(client, all_territories):
    html = client.get("/ar/collectivities/09.581.01.07./").content.decode()
    assert "<h1>تزنيت</h1>" in html
    assert "مكتب الحالة المدنية" in html
    assert '<bdi dir="ltr">09.581.01.07.</bdi>' in html


def test_search_finds_a_commune_without_its_accents(client, all_territories):
    html = client.get("/fr/collectivities/", {"q": "fes", "kind": "commune"}).content.decode()
    assert 'href="/fr/collectivities/03.231.01.00./"' in html


def test_an_unknown_kind_in_search_falls_back_to_all(client, all_territories):
    response = client.get("/fr/collectivities/", {"kind": "<script>"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_an_unknown_collectivity_is_a_404_page_in_the_language(client, commune):
    response = client.get("/fr/collectivities/99.999./")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def gzipped_size(content: bytes) -> int:
    return len(gzip.compress(content))


def test_pages_stay_small_on_a_poor_connection(client, all_territories):
    """Aim: a page and its stylesheet under 50 KB compressed (the largest province included)."""
    with open(finders.find("idara/site.css"), "rb") as f:
        css = gzipped_size(f.read())
    biggest = Collectivity.objects.annotate(n=Count("children")).order_by("-n").first()
    for path in ["/ar/", "/fr/collectivities/", f"/ar/collectivities/{biggest.code}/"]:
        assert gzipped_size(client.get(path).content) + css < 50_000, path


def test_the_next_page_keeps_the_filters_chosen(client, all_territories):
    html = client.get("/fr/collectivities/?kind=commune_rural&q=a").content.decode()
    assert 'href="?kind=commune_rural&amp;q=a&amp;page=2" rel="next"' in html
