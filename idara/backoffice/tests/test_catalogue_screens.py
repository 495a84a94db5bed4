import json

import pytest

from idara.catalog import selectors
from idara.catalog.models import Offering, ProcedureVersion
from idara.conftest import staff_login
from idara.territories.selectors import collectivity

pytestmark = pytest.mark.django_db


def test_the_administrator_sets_a_procedure_and_puts_it_online(client, catalogue, commune, admin):
    staff_login(client, admin)
    url = f"/fr/backoffice/collectivities/{commune.code}/offerings/"
    assert "Permis de démolir" in client.get(url).content.decode()
    extract = client.get(f"{url}extrait-acte-naissance/").content.decode()
    # A same-day deadline is not "unpublished", nor "0 jour" (issue 25).
    assert "<dd>Délivré immédiatement, sur place</dd>" in " ".join(extract.split())
    assert "local_fee_mad" not in extract  # its fee is set nationally
    urbanism = commune.services.get(kind="urbanism")
    response = client.post(
        f"{url}permis-construire-petits-projets/",
        {
            "online": "on",
            "service": urbanism.pk,
            "local_fee_formula_fr": "10 MAD par m²",
            "local_fee_formula_ar": "10 دراهم للمتر المربع",
            "local_fee_basis": "Arrêté fiscal n° 1/2024",
        },
    )
    assert response.status_code == 302
    offering = Offering.objects.get(
        collectivity=commune, procedure__slug="permis-construire-petits-projets"
    )
    assert offering.online and offering.local_fee_formula_fr == "10 MAD par m²"


def test_going_online_too_early_is_explained_and_changes_nothing(client, catalogue, commune, admin):
    staff_login(client, admin)
    url = (
        f"/fr/backoffice/collectivities/{commune.code}/offerings/permis-construire-petits-projets/"
    )
    html = client.post(
        url, {"online": "on", "service": commune.services.get(kind="urbanism").pk}
    ).content.decode()
    assert "ne peut pas être mise en ligne" in html
    assert not Offering.objects.filter(online=True).exists()


def test_a_fee_that_is_not_a_number_is_refused(client, catalogue, commune, admin):
    staff_login(client, admin)
    url = f"/fr/backoffice/collectivities/{commune.code}/offerings/declaration-naissance/"
    html = client.post(url, {"local_fee_mad": "deux"}).content.decode()
    assert "Saisissez un nombre." in html
    assert not Offering.objects.exists()


def test_an_administrator_sees_only_their_collectivity(client, catalogue, other_commune, admin):
    staff_login(client, admin)
    assert (
        client.get(f"/fr/backoffice/collectivities/{other_commune.code}/offerings/").status_code
        == 404
    )
    url = f"/fr/backoffice/collectivities/{other_commune.code}/offerings/permis-demolir/"
    assert client.post(url, {"online": "on"}).status_code == 404


def version_post(version, **changes):
    data = {
        "name_fr": version.name_fr,
        "name_ar": version.name_ar,
        "competent_authority": "",
        "legal_basis": "\n".join(version.legal_basis),
        "fee_kind": version.fee_kind,
        "fee_mad": "",
        "deadline_days": version.deadline_days or "",
        "deadline_working_days": "",
        "silence_means_acceptance": "1",
        "extension_days": 0,
        "appeal_days": 30,
        "service_kind": version.service_kind,
        "form_schema": _json(version.form_schema),
        "effective_from": "2026-01-01",
        "reason": "Nom arabe ajouté",
        "documents-TOTAL_FORMS": 1,
        "documents-INITIAL_FORMS": 0,
        "documents-0-code": "plan",
        "documents-0-name_fr": "Plan de situation",
        "documents-0-mandatory": "on",
        "documents-0-max_size_mb": 50,
    }
    return data | changes


def _json(value):
    return json.dumps(value, ensure_ascii=False)


def test_the_supervisor_publishes_a_new_version(client, catalogue, supervisor):
    staff_login(client, supervisor)
    version = selectors.version_in_force(selectors.procedure("permis-demolir"))
    response = client.post(
        "/fr/backoffice/catalogue/permis-demolir/", version_post(version, name_ar="رخصة الهدم")
    )
    assert response.status_code == 302
    assert selectors.version_in_force(selectors.procedure("permis-demolir")).name_ar == "رخصة الهدم"


def test_a_deadline_above_the_ceiling_is_refused_with_a_clear_message(
    client, catalogue, supervisor
):
    staff_login(client, supervisor)
    version = selectors.version_in_force(selectors.procedure("permis-demolir"))
    html = client.post(
        "/fr/backoffice/catalogue/permis-demolir/", version_post(version, deadline_days=90)
    ).content.decode()
    assert "au-dessus du plafond de 60 jours" in html
    html = client.post(
        "/fr/backoffice/catalogue/permis-demolir/",
        version_post(version, form_schema="{pas du json"),
    ).content.decode()
    assert 'href="#id_form_schema"' in html
    assert ProcedureVersion.objects.filter(procedure__slug="permis-demolir").count() == 1


def test_the_catalogue_screens_are_the_supervisors_only(client, catalogue, admin):
    staff_login(client, admin)
    assert client.get("/fr/backoffice/catalogue/").status_code == 404
    assert client.get("/fr/backoffice/catalogue/permis-demolir/").status_code == 404
    assert (
        client.post("/fr/backoffice/catalogue/switch-on/", {"category": "etat_civil"}).status_code
        == 404
    )


def test_the_supervisor_switches_a_category_on_for_a_region(
    client, all_territories, catalogue, supervisor
):
    staff_login(client, supervisor)
    tanger = collectivity("01.")
    response = client.post(
        "/fr/backoffice/catalogue/switch-on/", {"category": "etat_civil", "region": tanger.pk}
    )
    assert "offres mises en ligne" in response.content.decode()
    online = Offering.objects.filter(online=True)
    assert online.exists() and not online.exclude(collectivity__region=tanger).exists()
