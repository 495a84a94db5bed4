import csv
import io

import pytest
from rest_framework.test import APIClient

from idara.catalog import selectors
from idara.catalog.services import OfferingChanges, set_offering
from idara.territories.models import ServiceKind

pytestmark = pytest.mark.django_db
CONTRACT_FIELDS = {
    "slug",
    "version",
    "name_fr",
    "name_ar",
    "category",
    "level",
    "deadline_days",
    "deadline_working_days",
    "silence_means_acceptance",
    "fee_mad",
    "legal_basis",
    "required_documents",
    "form_schema",
}


@pytest.fixture
def api():
    return APIClient()


def test_the_api_lists_the_catalogue_with_the_contract_fields(api, catalogue):
    body = api.get("/api/v1/procedures?page_size=100").json()
    assert body["count"] == 55
    first = body["results"][0]
    assert CONTRACT_FIELDS <= set(first)
    assert {"code", "name_fr", "name_ar", "mandatory"} <= set(first["required_documents"][0])


def test_one_procedure_as_its_fiche_states_it(api, catalogue):
    body = api.get("/api/v1/procedures/permis-construire-petits-projets").json()
    assert (body["deadline_days"], body["silence_means_acceptance"], body["fee_mad"]) == (
        15,
        True,
        None,
    )
    assert (
        body["form_schema"]["properties"]["land_title"]["x-label"]["ar"]
        == "رقم الرسم العقاري أو مطلب التحفيظ"
    )
    extract = api.get("/api/v1/procedures/extrait-acte-naissance").json()
    assert (extract["fee_mad"], extract["deadline_days"], extract["version"]) == (2.0, 0, 1)
    birth = api.get("/api/v1/procedures/declaration-naissance").json()
    assert (birth["deadline_days"], birth["deadline_published"]) == (60, False)


def test_filters_and_accent_insensitive_search(api, catalogue):
    civil = api.get("/api/v1/procedures?category=etat_civil&page_size=100").json()
    assert civil["count"] == 16 and all(p["category"] == "etat_civil" for p in civil["results"])
    regional = api.get("/api/v1/procedures?level=region").json()
    assert {p["slug"] for p in regional["results"]} == {
        "taxes-regionales",
        "petition-conseil-regional",
    }
    assert "permis-demolir" in [
        p["slug"] for p in api.get("/api/v1/procedures?q=DEMOLIR").json()["results"]
    ]


def test_an_unknown_procedure_or_filter_gets_the_contract_error(api, catalogue):
    response = api.get("/api/v1/procedures/nope", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert response.json()["error"] == {
        "code": "not_found",
        "message": "Aucune démarche ne porte ce nom.",
        "fields": {},
    }
    response = api.get("/api/v1/procedures?category=magie")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["category"]


def test_a_collectivity_lists_only_what_it_offers_online_with_what_it_set(
    api, catalogue, commune, admin
):
    permit = selectors.procedure("permis-construire-petits-projets")
    set_offering(
        admin,
        commune,
        permit,
        OfferingChanges(
            online=True,
            service=commune.services.get(kind=ServiceKind.URBANISM),
            local_fee_formula_fr="10 MAD/m²",
        ),
    )
    set_offering(
        admin,
        commune,
        selectors.procedure("permis-demolir"),
        OfferingChanges(online=False, service=commune.services.get(kind=ServiceKind.URBANISM)),
    )
    body = api.get(f"/api/v1/collectivities/{commune.code}/procedures").json()
    assert [p["slug"] for p in body["results"]] == ["permis-construire-petits-projets"]
    assert (body["results"][0]["fee_set_by"], body["results"][0]["fee_formula_fr"]) == (
        commune.code,
        "10 MAD/m²",
    )
    assert api.get("/api/v1/collectivities/99.999./procedures").status_code == 404


def test_the_catalogue_as_open_data(api, catalogue):
    response = api.get("/api/v1/open-data/catalogue.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 55
    assert {"slug", "fee_kind", "deadline_published", "sources"} <= set(rows[0])
    as_json = api.get("/api/v1/open-data/catalogue.json").json()
    assert len(as_json) == 55
