"""Issue 21, F3: "every input above answers 400 in the contract's error body, in the user's
language". Each of these answered 500 (deep JSON, before sign-in too; a 36-character id that
is not a UUID; a resumable upload's id that is not one; a lone surrogate in `data`), and none
leaves anything behind."""

import json

import pytest
from django.test import Client
from rest_framework.test import APIClient

from idara.dossiers.models import Dossier
from idara.dossiers.tests.helpers import (
    DEMOLITION,
    DEMOLITION_DATA,
    DEMOLITION_DOCUMENT,
    pdf_file,
)

pytestmark = pytest.mark.django_db
DEEP = "[" * 100_000 + "]" * 100_000
NOT_A_UUID = "-" * 36


def api_for(user=None) -> APIClient:
    api = APIClient(raise_request_exception=False)
    if user is not None:
        api.force_authenticate(user)
    return api


def error_of(response, status=400) -> dict:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert set(body) == {"error"} and {"code", "message", "fields"} <= set(body["error"])
    return body["error"]


@pytest.mark.parametrize(
    "language, words", [("fr", "imbriqué"), ("ar", "متداخل")], ids=["fr", "ar"]
)
def test_deep_json_before_sign_in_is_a_400_in_the_callers_language(language, words):
    response = api_for().post(
        "/api/v1/auth/token", DEEP, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language
    )
    assert words in error_of(response)["message"]


def filing(commune, data: str) -> dict:
    return {
        "procedure": DEMOLITION,
        "collectivity": commune.code,
        "data": data,
        DEMOLITION_DOCUMENT: pdf_file(),
    }


@pytest.mark.parametrize(
    "data, words",
    [
        (DEEP, "trop profondément imbriqué"),
        ('{"a": ' * 40 + "1" + "}" * 40, "trop profondément imbriqué"),
        (json.dumps(DEMOLITION_DATA)[:-1] + ', "owner": "\\ud800"}', "pas du texte"),
    ],
    ids=["deeper than Python reads", "deeper than any form", "a lone surrogate"],
)
def test_bad_json_in_a_filings_data_is_a_400_on_that_field(offered, citizen, data, words):
    response = api_for(citizen).post(
        "/api/v1/dossiers", filing(offered, data), format="multipart", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert any(words in m for m in error_of(response)["fields"]["data"])
    assert not Dossier.objects.exists()


def test_a_lone_surrogate_in_a_json_body_is_a_400(citizen):
    response = api_for().post(
        "/api/v1/auth/token",
        '{"email": "\\udc00@x.ma", "password": "x"}',
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "pas du texte" in error_of(response)["message"]


@pytest.mark.parametrize("action", ["withdraw", "appeal", "documents"])
def test_an_id_of_36_characters_that_is_not_a_uuid_is_a_400(citizen, action):
    response = api_for(citizen).post(
        f"/api/v1/dossiers/{NOT_A_UUID}/{action}", {}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert error_of(response)["fields"] == {"id": ["Ce n’est pas l’identifiant d’un dossier."]}


def test_an_upload_id_that_is_not_a_uuid_is_a_400_on_that_document(offered, citizen):
    payload = filing(offered, json.dumps(DEMOLITION_DATA))
    del payload[DEMOLITION_DOCUMENT]
    payload["uploads"] = json.dumps({DEMOLITION_DOCUMENT: "-" * 36})
    response = api_for(citizen).post(
        "/api/v1/dossiers", payload, format="multipart", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert error_of(response)["fields"][DEMOLITION_DOCUMENT] == [
        "Aucun de vos téléversements n’a cet identifiant."
    ]
    assert not Dossier.objects.exists()


def test_an_upload_id_that_is_not_a_uuid_in_the_html_form_is_named_on_the_page(offered, citizen):
    browser = Client(raise_request_exception=False)
    browser.force_login(citizen)
    page = browser.post(
        f"/fr/procedures/{DEMOLITION}/file/?collectivity={offered.code}",
        DEMOLITION_DATA | {f"resumed-{DEMOLITION_DOCUMENT}": "-" * 36},
    )
    assert page.status_code == 200
    assert "Aucun de vos téléversements n’a cet identifiant." in page.content.decode()
    assert not Dossier.objects.exists()


def test_a_session_call_without_the_csrf_token_is_refused_in_the_callers_language(citizen):
    """DRF answered "CSRF Failed: …" in English."""
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(citizen)
    response = browser.post("/api/v1/dossiers", {}, HTTP_ACCEPT_LANGUAGE="fr")
    error = error_of(response, 403)
    assert error["code"] == "csrf_failed" and "jeton de sécurité" in error["message"]
