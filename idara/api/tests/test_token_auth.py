from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from idara.accounts.models import ApiToken, Role
from idara.accounts.services import create_user, grant_membership
from idara.conftest import current_code, enrol_second_factor

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(commune):
    user = create_user(None, email="Agent@Commune.ma", password="a long passphrase")
    grant_membership(None, user, Role.AGENT, service=commune.services.first())
    return user


def token_for(email, password, otp=""):
    credentials = {"email": email, "password": password} | ({"otp": otp} if otp else {})
    return APIClient().post("/api/v1/auth/token", credentials, format="json")


def test_a_token_from_valid_credentials_opens_the_api(agent, commune):
    response = token_for(
        "agent@commune.ma", "a long passphrase", current_code(enrol_second_factor(agent))
    )
    assert response.status_code == 200
    token = response.json()["token"]
    me = APIClient().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert me["email"] == "agent@commune.ma"
    assert me["memberships"][0]["collectivity"] == commune.code
    assert not ApiToken.objects.filter(digest=token).exists()  # only its hash is kept


def test_wrong_credentials_get_a_401_in_the_contract_shape(agent):
    response = token_for("agent@commune.ma", "not the password")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def test_missing_fields_are_named(db):
    response = APIClient().post(
        "/api/v1/auth/token", {"email": "x"}, format="json", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"email", "password"}


def test_a_staff_account_needs_its_second_factor_for_a_token(agent):
    enrol_second_factor(agent)
    for otp in ("", "000000"):
        response = token_for("agent@commune.ma", "a long passphrase", otp)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "second_factor_required"


def test_a_citizen_gets_a_token_with_a_password(db):
    create_user(None, email="amina@example.ma", password="a long passphrase")
    assert token_for("amina@example.ma", "a long passphrase").status_code == 200


def test_an_expired_or_forged_token_is_refused(agent):
    token = token_for(
        "agent@commune.ma", "a long passphrase", current_code(enrol_second_factor(agent))
    ).json()["token"]
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    for bearer in (token, "forged"):
        response = APIClient().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {bearer}")
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Bearer"


def test_without_a_token_me_is_refused(db):
    assert APIClient().get("/api/v1/me").status_code == 401
