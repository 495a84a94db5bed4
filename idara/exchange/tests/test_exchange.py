"""Issue 9: a client administration verifies a document and fetches a consented extract end to
end; every refusal is a clear error code, returns nothing, and is logged; the citizen sees
who consulted their data."""

import base64
import hashlib
import json
import time
import uuid
from datetime import timedelta

import pytest
from django.utils import timezone
from joserfc import jws
from joserfc.jwk import ECKey
from oauth2_provider.models import AccessToken, Application

from idara.civil_status import services as register
from idara.civil_status.tests.conftest import BIRTH
from idara.conftest import make_user
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import extract_filing
from idara.exchange import services
from idara.exchange.models import ClientAdministration, Consent, ExchangeLog

pytestmark = pytest.mark.django_db
SECRET = "agence-urbaine-secret-of-the-test"
ALL_SCOPES = ["verify", "documents.civil_extract", "documents.permit"]
EVERY_SCOPE = " ".join(ALL_SCOPES)


@pytest.fixture
def key():
    return ECKey.generate_key("P-256")


def register_client(key, scopes=ALL_SCOPES, identifier="agence-urbaine-tanger", **extra):
    application = Application.objects.create(
        name=identifier,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=SECRET,
    )
    return ClientAdministration.objects.create(
        application=application,
        identifier=identifier,
        name_fr="Agence urbaine de Tanger",
        name_ar="الوكالة الحضرية لطنجة",
        public_jwk=key.as_dict(private=False),
        scopes=scopes,
        **extra,
    )


@pytest.fixture
def agency(key):
    return register_client(key)


def token_for(client, registered, scope=EVERY_SCOPE):
    basic = base64.b64encode(f"{registered.application.client_id}:{SECRET}".encode()).decode()
    response = client.post(
        "/api/v1/exchange/token",
        {"grant_type": "client_credentials", "scope": scope},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    )
    return response


def signed(client, method, path, token, key, body=b"", *, jti=None, iat=None, **claims):
    payload = {
        "htm": method,
        "htu": path,
        "body_sha256": hashlib.sha256(body).hexdigest(),
        "iat": iat or int(time.time()),
        "jti": jti or uuid.uuid4().hex,
        "end_user": "Karima Alami, instructrice",
        "case": "AU-TNG-2026-0042",
    } | claims
    signature = jws.serialize_compact({"alg": "ES256"}, json.dumps(payload), key)
    send = client.get if method == "GET" else client.post
    extra = {} if method == "GET" else {"data": body, "content_type": "application/json"}
    return send(path, HTTP_AUTHORIZATION=f"Bearer {token}", HTTP_IDARA_SIGNATURE=signature, **extra)


def signed_get(client, path, token, key, **options):
    return signed(client, "GET", path, token, key, **options)


EXTRACT_PATH = "/api/v1/exchange/documents/civil_extract"


def signed_extract(client, commune, token, key, national_id="AB123456", **options):
    body = json.dumps({"national_id": national_id, "collectivity": commune.code}).encode()
    return signed(client, "POST", EXTRACT_PATH, token, key, body, **options)


@pytest.fixture
def token(client, agency):
    return token_for(client, agency).json()["access_token"]


@pytest.fixture
def amina(commune, civil_agent):
    """A citizen with her national ID, whose birth act the commune's register holds."""
    register.enter_act(civil_agent, commune, dict(BIRTH))
    person = make_user("amina@example.ma", full_name="Amina El Idrissi")
    person.national_id = "AB123456"
    person.save()
    return person


def test_a_client_verifies_a_receipt_by_its_code_end_to_end(client, token, key, offered, citizen):
    dossier = file_dossier(citizen, citizen, extract_filing(offered))[0]
    code = dossier.receipt.verification_code
    answer = signed_get(client, f"/api/v1/exchange/verify/{code}", token, key).json()
    assert answer["valid"] and answer["reference"] == dossier.reference
    logged = ExchangeLog.objects.get()
    assert logged.outcome == "ok" and logged.case_reference == "AU-TNG-2026-0042"
    assert len(logged.request_sha256) == 64 and len(logged.response_sha256) == 64


def test_access_tokens_are_kept_only_as_their_hash(token):
    """RFC 9700 §4: someone reading the database cannot reuse a token they find there."""
    from oauth2_provider.models import AccessToken

    stored = AccessToken.objects.get()
    assert stored.token == "" and token not in str(AccessToken.objects.values().get())
    assert stored.token_checksum == hashlib.sha256(token.encode()).hexdigest()


def test_a_consented_extract_is_fetched_and_the_citizen_sees_who_asked(
    client, token, key, agency, amina, commune
):
    services.grant(amina, agency, "documents.civil_extract")
    answer = signed_extract(client, commune, token, key).json()
    pdf = base64.b64decode(answer["pdf_base64"])
    assert pdf.startswith(b"%PDF-") and hashlib.sha256(pdf).hexdigest() == answer["sha256"]
    client.force_login(amina)
    page = client.get("/fr/my/data-sharing/").content.decode()
    assert "Agence urbaine de Tanger" in page and "AU-TNG-2026-0042" in page
    assert "Karima Alami" in page


def refused(response, status, code):
    assert response.status_code == status, response.content
    body = response.json()
    assert body["error"]["code"] == code and "pdf_base64" not in body
    assert ExchangeLog.objects.filter(outcome=code).exists()  # the attempt was kept


def test_consent_absent_then_revoked_gives_nothing(client, token, key, agency, amina, commune):
    refused(signed_extract(client, commune, token, key), 403, "consent_missing")
    consent = services.grant(amina, agency, "documents.civil_extract")
    services.revoke(amina, consent.pk)
    refused(signed_extract(client, commune, token, key), 403, "consent_missing")


def test_without_consent_a_client_cannot_tell_whether_a_cnie_has_an_account(
    client, token, key, amina, commune
):
    """Issue 21: "the exchange tells a client by 404 or 403 whether a CNIE has an account"."""
    has_one = signed_extract(client, commune, token, key)
    has_none = signed_extract(client, commune, token, key, national_id="ZZ999999")
    assert has_one.status_code == has_none.status_code == 403
    assert has_one.json() == has_none.json()


def test_a_legal_basis_named_in_the_registration_stands_for_consent(client, key, amina, commune):
    lawful = register_client(
        key,
        identifier="tribunal",
        legal_basis="Code de procédure civile, art. 32",
        legal_basis_scopes=["documents.civil_extract"],
    )
    token = token_for(client, lawful).json()["access_token"]
    assert signed_extract(client, commune, token, key).status_code == 200
    # Entitled to anyone's extract, it may learn that a CNIE is not known.
    unknown = signed_extract(client, commune, token, key, national_id="ZZ999999")
    assert unknown.json()["error"]["code"] == "person_unknown"


def test_an_unsigned_request_is_refused(client, token, amina, commune):
    response = client.post(
        EXTRACT_PATH,
        {"national_id": "AB123456", "collectivity": commune.code},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    refused(response, 401, "signature_missing")


def test_a_request_signed_with_another_key_is_refused(client, token, amina, commune):
    refused(
        signed_extract(client, commune, token, ECKey.generate_key("P-256")),
        401,
        "signature_invalid",
    )


def test_a_signature_for_another_request_is_refused(client, token, key, amina, commune):
    response = signed_extract(client, commune, token, key, htu="/api/v1/other")
    refused(response, 401, "signature_mismatch")


def test_an_old_signed_request_is_refused(client, token, key, amina, commune):
    response = signed_extract(client, commune, token, key, iat=int(time.time()) - 3600)
    refused(response, 401, "signature_expired")


def test_a_replayed_request_is_refused(client, token, key, agency, amina, commune):
    services.grant(amina, agency, "documents.civil_extract")
    assert signed_extract(client, commune, token, key, jti="once").status_code == 200
    refused(signed_extract(client, commune, token, key, jti="once"), 409, "replayed")


def test_an_expired_token_is_refused(client, token, key, amina, commune):
    AccessToken.objects.update(expires=timezone.now() - timedelta(seconds=1))
    refused(signed_extract(client, commune, token, key), 401, "token_invalid")


def test_a_scope_the_client_lacks_is_refused(client, key, amina, commune):
    verifier = register_client(key, scopes=["verify"], identifier="banque")
    assert token_for(client, verifier, "documents.civil_extract").status_code == 400
    token = token_for(client, verifier, "verify").json()["access_token"]
    refused(signed_extract(client, commune, token, key), 403, "scope_missing")


def test_a_client_over_its_rate_is_held_back(client, key, amina, commune):
    slow = register_client(key, identifier="lent", calls_per_minute=2)
    token = token_for(client, slow).json()["access_token"]
    for _ in range(2):
        signed_extract(client, commune, token, key)
    refused(signed_extract(client, commune, token, key), 429, "rate_limited")


def test_nobody_else_withdraws_a_citizens_consent(client, agency, amina):
    consent = services.grant(amina, agency, "documents.civil_extract")
    client.force_login(make_user("someone@example.ma"))
    answer = client.post(f"/fr/my/data-sharing/{consent.pk}/revoke/")
    assert answer.status_code == 404  # issue 21: it said "withdrawn" and changed nothing
    consent.refresh_from_db()
    assert consent.revoked_at is None


def test_the_citizen_grants_and_withdraws_from_their_page(client, agency, amina):
    client.force_login(amina)
    client.post("/fr/my/data-sharing/grant/", {"pick": f"{agency.pk}|documents.permit"})
    consent = Consent.objects.get(user=amina)
    assert consent.scope == "documents.permit"
    client.post(f"/fr/my/data-sharing/{consent.pk}/revoke/")
    consent.refresh_from_db()
    assert consent.revoked_at is not None


def test_an_operator_registers_an_administration_with_its_public_key(tmp_path, client, key):
    from io import StringIO

    from django.core.management import call_command

    jwk = tmp_path / "key.json"
    jwk.write_text(json.dumps(key.as_dict(private=False)))
    out = StringIO()
    call_command(
        "register_administration",
        "ministere-sante",
        "--name-fr",
        "Ministère de la Santé",
        "--name-ar",
        "وزارة الصحة",
        "--public-jwk",
        str(jwk),
        "--scope",
        "verify",
        stdout=out,
    )
    client_id, secret = (line.split(": ")[1].split()[0] for line in out.getvalue().splitlines())
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    token = client.post(
        "/api/v1/exchange/token",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=f"Basic {basic}",
    ).json()
    assert token["scope"] == "verify" and token["expires_in"] <= 300
