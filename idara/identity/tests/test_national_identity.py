"""Sign-in with the national identity, against a real OpenID provider (oidc-provider, run by
Node.js on loopback): discovery, the authorisation code with PKCE (the provider refuses a
request without it), the ID token checked, the claims mapped; the CNIE links a first sign-in
to the account that holds it."""

import json
import re
import shutil
import subprocess
import time
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from time_machine import escape_hatch

from idara.accounts.models import User
from idara.dossiers.models import Dossier
from idara.tests.separate_instance import free_port

pytestmark = pytest.mark.django_db

PROVIDER = Path(__file__).parent / "provider"
CALLBACK = "http://testserver/fr/account/national-identity/back/"
PEOPLE = {
    "person-1": {
        "national_id": "bk123456",
        "given_name": "Salma",
        "family_name": "Idrissi",
        "email": "salma@example.ma",
        "email_verified": True,
        "phone_number": "+212661234567",
        "phone_number_verified": True,
    },
    "person-2": {"national_id": "JK45678", "name": "Hassan Ait Ali"},
}


@pytest.fixture(scope="module")
def provider():
    """The provider's address, once it listens. Its packages come from `make system-deps`."""
    node = shutil.which("node")
    if node is None or not (PROVIDER / "node_modules" / "oidc-provider").exists():
        pytest.fail("The test identity provider is missing: run `make system-deps`.")
    port = free_port()
    environment = {
        "PORT": str(port),
        "REDIRECT_URI": CALLBACK,
        "PEOPLE": json.dumps(PEOPLE),
        # The day the test process lives (moved by `make test TODAY=…`), in the provider too.
        "CLOCK_OFFSET_MS": str(_moved_by_ms()),
    }
    process = subprocess.Popen(  # noqa: S603 (Node.js and the project's own script)
        [node, "provider.mjs"],
        cwd=PROVIDER,
        env={"PATH": "/usr/bin:/bin", **environment},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready"
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def _moved_by_ms() -> int:
    if not escape_hatch.is_travelling():
        return 0
    return round((time.time() - escape_hatch.time.time()) * 1000)


@pytest.fixture
def configured(settings, provider):
    settings.OIDC_ISSUER = provider
    settings.OIDC_CLIENT_ID = "idara"
    settings.OIDC_CLIENT_SECRET = "idara-test-secret"  # noqa: S105 (the test provider's)
    return provider


def _sign_in_at_the_provider(client, login: str):
    """Idara sends the person to the provider; they sign in and consent there (its own pages,
    in a session of theirs); the provider sends them back with a code: Idara's answer."""
    start = client.get("/fr/account/national-identity/")
    asked = parse_qs(urlsplit(start["Location"]).query)
    assert asked["code_challenge_method"] == ["S256"] and asked["nonce"] and asked["state"]
    browser = requests.Session()
    address = start["Location"]
    for _ in range(12):
        page = browser.get(address, allow_redirects=False)
        if page.status_code in (302, 303):
            address = urljoin(address, page.headers["Location"])
            if address.startswith(CALLBACK):
                return client.get(address.removeprefix("http://testserver"))
            continue
        form = re.search(r'action="([^"]+)"', page.text).group(1)
        fields = dict(re.findall(r'name="(\w+)" value="(\w+)"', page.text))
        if 'name="login"' in page.text:
            fields |= {"login": login, "password": "any"}
        answer = browser.post(urljoin(address, form), data=fields, allow_redirects=False)
        address = urljoin(address, answer.headers["Location"])
    raise AssertionError("the provider never sent the person back")


def test_the_sign_in_page_offers_it_only_when_configured(client, settings):
    settings.OIDC_ISSUER = ""
    assert "identité nationale" not in client.get("/fr/account/login/").content.decode()
    assert client.get("/fr/account/national-identity/").status_code == 404
    settings.OIDC_ISSUER, settings.OIDC_CLIENT_ID = "https://idp.example", "idara"
    assert "identité nationale" in client.get("/fr/account/login/").content.decode()


def test_a_first_sign_in_opens_an_account_from_the_claims(client, configured):
    response = _sign_in_at_the_provider(client, "person-1")
    assert response["Location"] == "/fr/my/dossiers/"
    person = User.objects.get()
    assert (person.national_identity_subject, person.national_id) == ("person-1", "BK123456")
    assert (person.full_name, person.email, person.phone) == (
        "Salma Idrissi",
        "salma@example.ma",
        "+212661234567",
    )
    assert person.email_verified_at and not person.has_usable_password()
    assert client.get("/fr/account/").status_code == 200  # signed in
    client.logout()
    _sign_in_at_the_provider(client, "person-1")  # the second time: the same account
    assert User.objects.count() == 1


def test_the_cnie_links_the_first_sign_in_to_the_account_that_holds_it(
    client, configured, offered, agent
):
    from idara.backoffice.tests.test_counter import _file_at_counter
    from idara.conftest import staff_login

    staff_login(client, agent)
    _file_at_counter(client, offered)  # CNIE JK45678, a record without a login
    client.logout()
    dossier = Dossier.objects.get()
    _sign_in_at_the_provider(client, "person-2")
    dossier.refresh_from_db()
    assert dossier.applicant.national_identity_subject == "person-2"
    assert dossier.applicant.full_name == "Hassan Ait Ali"  # what the agent typed stays
    # The provider vouched for the CNIE: the dossier shows without the receipt's code.
    assert client.get(f"/fr/my/dossiers/{dossier.pk}/").status_code == 200


def test_a_refused_or_forged_answer_signs_nobody_in(client, configured):
    client.get("/fr/account/national-identity/")
    response = client.get("/fr/account/national-identity/back/?code=forged&state=forged")
    assert response["Location"] == "/fr/account/login/"
    denied = client.get("/fr/account/national-identity/back/?error=access_denied&state=x")
    assert denied["Location"] == "/fr/account/login/"
    assert not User.objects.exists()


def test_a_closed_account_reopens_by_the_national_identity(client, configured, citizen):
    from idara.identity.personal import close_account

    citizen.national_id = "BK123456"
    citizen.save()
    close_account(citizen)
    response = _sign_in_at_the_provider(client, "person-1")
    assert response["Location"] == "/fr/my/dossiers/"
    citizen.refresh_from_db()
    assert citizen.is_active and citizen.closed_at is None
    assert citizen.national_identity_subject == "person-1"
    assert client.get("/fr/account/").status_code == 200
