import pytest

from idara.catalog import selectors
from idara.catalog.services import OfferingChanges, set_offering
from idara.territories.models import ServiceKind

pytestmark = pytest.mark.django_db


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_catalogue_by_category_with_the_national_counts(client, catalogue):
    html = page(client, "/fr/procedures/")
    assert "Le catalogue compte 48 des quelque 150 démarches" in html
    assert "<h2>Urbanisme</h2>" in html
    html = page(client, "/fr/procedures/?category=urbanisme")
    assert "Permis de démolir" in html and "Extrait d" not in html


def test_search_ignores_accents_and_hamza(client, catalogue):
    assert "Permis de démolir" in page(client, "/fr/procedures/?q=demolir")
    assert "رخصة البناء" in page(client, "/ar/procedures/?q=رخصه البناء")


def test_a_fiche_says_plainly_what_is_not_published(client, catalogue):
    html = page(client, "/fr/procedures/declaration-naissance/")
    assert "Non publié : le plafond de la loi 55-19 s’applique, 60 jours." in html
    assert "Non publiés." in html or "Non publié." in html  # the fee


def test_a_fiche_tells_that_no_legalisation_is_needed(client, catalogue):
    html = page(client, "/fr/procedures/permis-construire-petits-projets/")
    assert "Ni légalisation ni copie certifiée conforme" in html
    assert "le silence au-delà du délai vaut acceptation" in html.lower()


def test_a_procedure_of_another_administration_is_a_referral(client, catalogue):
    html = page(client, "/fr/procedures/certificat-residence/")
    assert "Où s’adresser" in html
    assert "Autorité locale (pacha/caïd)" in html


def test_a_collectivity_page_lists_its_online_procedures(client, catalogue, commune, admin):
    set_offering(
        admin,
        commune,
        selectors.procedure("extrait-acte-naissance"),
        OfferingChanges(True, commune.services.get(kind=ServiceKind.CIVIL_STATUS)),
    )
    html = page(client, f"/fr/collectivities/{commune.code}/")
    assert f'href="/fr/procedures/extrait-acte-naissance/?collectivity={commune.code}"' in html
    assert "1 des 45 démarches" in html
    fiche = page(client, f"/fr/procedures/extrait-acte-naissance/?collectivity={commune.code}")
    assert "propose cette démarche en ligne depuis" in fiche


def test_an_unknown_procedure_is_a_404(client, catalogue):
    assert client.get("/fr/procedures/nope/").status_code == 404


def test_the_two_building_permits_are_told_apart_in_arabic(client, catalogue):
    """Issue 25: "the small- and large-project building permits share one Arabic name"."""
    html = page(client, "/ar/procedures/?category=urbanisme")
    assert "رخصة البناء – مسطرة المشاريع الصغرى" in html
    assert "رخصة البناء – مسطرة المشاريع الكبرى" in html
    assert "Permis de construire" not in html
