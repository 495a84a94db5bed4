import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
CONTRACT_FIELDS = {"code", "kind", "name_fr", "name_ar", "parent_code"}


@pytest.fixture
def api():
    return APIClient()


def test_the_api_lists_the_1590_collectivities_with_the_contract_fields(api, all_territories):
    body = api.get("/api/v1/collectivities").json()
    assert body["count"] == 1590
    assert set(body) == {"count", "next", "previous", "results"}
    assert set(body["results"][0]) == CONTRACT_FIELDS
    assert api.get("/api/v1/collectivities?kind=commune").json()["count"] == 1503
    assert api.get("/api/v1/collectivities?kind=arrondissement").json()["count"] == 41


def test_filters_by_parent_and_name(api, all_territories):
    communes = api.get("/api/v1/collectivities?parent=01.151.&page_size=500").json()["results"]
    assert communes and all(c["parent_code"] == "01.151." for c in communes)
    found = api.get("/api/v1/collectivities", {"q": "شفشاون", "kind": "commune_urban"}).json()
    assert [c["code"] for c in found["results"]] == ["01.151.01.01."]


def test_page_size_goes_up_to_500(api, all_territories):
    assert len(api.get("/api/v1/collectivities?page_size=500").json()["results"]) == 500
    assert len(api.get("/api/v1/collectivities?page_size=5000").json()["results"]) == 500


@pytest.mark.parametrize("asked", ["page_size=0", "page_size=null", "page=0", "page=1&page=2"])
def test_a_page_or_size_that_is_not_a_whole_number_from_1_is_a_400(api, db, asked):
    """Issue 21: `page_size=null` gave the default page, hiding the caller's mistake."""
    response = api.get(f"/api/v1/collectivities?{asked}", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response.json()["error"]["fields"][asked.split("=")[0]] == [
        "Saisissez un seul nombre entier à partir de 1."
    ]


def test_one_collectivity_comes_with_its_services(api, all_territories):
    body = api.get("/api/v1/collectivities/01.151.01.01.").json()
    assert body["name_fr"] == "Chefchaouen"
    assert body["parent_code"] == "01.151."
    assert {s["kind"] for s in body["services"]} >= {"civil_status", "urbanism"}


@pytest.mark.parametrize(
    "language, message",
    [("fr", "Aucune collectivité n’a ce code."), ("ar", "لا توجد جماعة ترابية بهذا الرمز.")],
)
def test_an_unknown_code_is_a_404_in_the_callers_language(api, commune, language, message):
    response = api.get("/api/v1/collectivities/99.999.", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": message, "fields": {}}}


def test_an_unknown_kind_is_refused_with_the_field_named(api, commune):
    response = api.get("/api/v1/collectivities?kind=village", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert error["fields"] == {"kind": ["Type de collectivité inconnu."]}


def test_an_unknown_api_address_answers_in_json(api, db):
    response = api.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_openapi_schema_describes_the_endpoints(api, db):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/collectivities", "/api/v1/collectivities/{code}", "/api/v1/auth/token"} <= set(
        paths
    )
