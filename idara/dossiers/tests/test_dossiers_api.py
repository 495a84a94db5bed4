import json

import pytest
from rest_framework.test import APIClient

from idara.conftest import make_user
from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import (
    DEMOLITION,
    DEMOLITION_DATA,
    DEMOLITION_DOCUMENT,
    EXTRACT,
    EXTRACT_DATA,
    pdf_file,
)

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def post_demolition(api, commune, key="", **extra):
    payload = {
        "procedure": DEMOLITION,
        "collectivity": commune.code,
        "data": json.dumps(DEMOLITION_DATA),
        DEMOLITION_DOCUMENT: pdf_file(),
    } | extra
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return api.post("/api/v1/dossiers", payload, format="multipart", **headers)


def test_filing_through_the_api_returns_the_contracts_body(offered, citizen):
    response = post_demolition(client_for(citizen), offered, key="retry-1")
    assert response.status_code == 201
    body = response.json()
    assert {"id", "reference", "status", "submitted_at", "due_date", "receipt_url"} <= set(body)
    assert body["status"] == "submitted"
    assert body["receipt_url"].endswith(f"/api/v1/dossiers/{body['id']}/receipt.pdf")


def test_a_filing_with_a_document_missing_is_receipted_as_being_filed(offered, citizen):
    """CONTRACT.md: "a filing with documents missing is receipted as `being_filed`, never
    refused for them (LAW.md R3)"."""
    response = post_demolition(client_for(citizen), offered, **{DEMOLITION_DOCUMENT: ""})
    assert response.status_code == 201
    body = response.json()
    assert (body["status"], body["receipt_status"]) == ("being_filed", "being_filed")
    assert body["missing_documents"] == [DEMOLITION_DOCUMENT] and body["due_date"] is None


def test_the_same_idempotency_key_returns_200_with_the_same_body(offered, citizen):
    api = client_for(citizen)
    first = post_demolition(api, offered, key="retry-1").json()
    again = post_demolition(api, offered, key="retry-1")
    assert again.status_code == 200
    assert again.json() == first
    assert Dossier.objects.count() == 1


def test_the_same_idempotency_key_with_another_request_is_a_422(offered, citizen):
    """Issue 21: "the same `Idempotency-Key` with a different body silently returns the first
    dossier (answer 422, as the IETF Idempotency-Key draft says)"."""
    api = client_for(citizen)
    first = post_demolition(api, offered, key="retry-1").json()
    other = json.dumps(DEMOLITION_DATA | {"built_surface": 99})
    for changed in ({"data": other}, {DEMOLITION_DOCUMENT: pdf_file(body=b"another page")}):
        response = post_demolition(api, offered, key="retry-1", **changed)
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "idempotency_key_reused"
    french = api.post(
        "/api/v1/dossiers",
        {"procedure": DEMOLITION, "collectivity": offered.code, "data": other},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY="retry-1",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert french.json()["error"]["message"].startswith("Cette clé Idempotency-Key")
    assert [str(pk) for pk in Dossier.objects.values_list("pk", flat=True)] == [first["id"]]


def test_bad_input_is_a_400_naming_each_field_in_the_callers_language(offered, citizen):
    api = client_for(citizen)
    response = api.post(
        "/api/v1/dossiers",
        {
            "procedure": DEMOLITION,
            "collectivity": offered.code,
            "data": json.dumps(DEMOLITION_DATA | {"built_surface": -4}),
        },
        format="multipart",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert fields["built_surface"] == ["Saisissez une valeur supérieure à 0."]
    assert DEMOLITION_DOCUMENT not in fields  # R3: missing is no mistake
    assert api.post(
        "/api/v1/dossiers",
        {"procedure": "nope", "collectivity": "1.", "data": "{"},
        format="multipart",
    ).json()["error"]["fields"].keys() == {"procedure", "collectivity", "data"}
    assert not Dossier.objects.exists()


def test_filing_needs_an_account(offered):
    assert post_demolition(APIClient(), offered).status_code == 401


def test_nobody_sees_what_is_not_theirs(offered, other_commune, citizen, agent):
    """A citizen sees their own dossiers; an agent their services'; anyone else gets a 404."""
    dossier_id = post_demolition(client_for(citizen), offered).json()["id"]
    stranger = make_user("stranger@example.ma")
    other_agent = make_user("agent@other.ma", "agent", service=other_commune.services.first())
    for outsider in (stranger, other_agent):
        api = client_for(outsider)
        assert api.get(f"/api/v1/dossiers/{dossier_id}").status_code == 404
        assert api.get(f"/api/v1/dossiers/{dossier_id}/receipt.pdf").status_code == 404
        assert api.get("/api/v1/dossiers").json()["count"] == 0
    assert client_for(agent).get("/api/v1/dossiers").json()["results"][0]["id"] == dossier_id
    mine = client_for(citizen).get(f"/api/v1/dossiers/{dossier_id}").json()
    assert [e["kind"] for e in mine["events"]] == ["filed"]
    receipt = client_for(citizen).get(f"/api/v1/dossiers/{dossier_id}/receipt.pdf")
    assert receipt["Content-Type"] == "application/pdf" and receipt.content.startswith(b"%PDF-")


def test_a_procedure_not_offered_there_is_refused(offered, other_commune, citizen):
    response = client_for(citizen).post(
        "/api/v1/dossiers",
        {
            "procedure": EXTRACT,
            "collectivity": other_commune.code,
            "data": json.dumps(EXTRACT_DATA),
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert "procedure" in response.json()["error"]["fields"]
