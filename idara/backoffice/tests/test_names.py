import pytest

from idara.accounts.models import Role
from idara.accounts.services import create_user, grant_membership
from idara.audit.models import AuditEntry
from idara.conftest import current_code, enrol_second_factor, staff_login

pytestmark = pytest.mark.django_db
PASSWORD = "a long passphrase"


@pytest.fixture
def admin(commune):
    user = create_user(None, email="admin@commune.ma", password=PASSWORD)
    grant_membership(None, user, Role.COLLECTIVITY_ADMIN, collectivity=commune)
    return user


def names_url(unit, language="fr"):
    return f"/{language}/backoffice/collectivities/{unit.code}/names/"


def test_signing_in_leads_to_my_space_with_the_link_to_correct_names(client, admin, commune):
    device = enrol_second_factor(admin)
    response = client.post(
        "/fr/backoffice/login/", {"username": "ADMIN@commune.ma", "password": PASSWORD}, follow=True
    )
    assert "Second facteur" in response.content.decode()  # staff: the password is not enough
    response = client.post(
        "/fr/backoffice/second-factor/", {"code": current_code(device)}, follow=True
    )
    html = response.content.decode()
    assert "Mon espace" in html
    assert names_url(commune) in html


def test_a_wrong_password_is_explained_in_the_language(client, admin):
    html = client.post(
        "/ar/backoffice/login/", {"username": "admin@commune.ma", "password": "no"}
    ).content.decode()
    assert 'role="alert"' in html
    assert "_auth_user_id" not in client.session


def test_the_administrator_corrects_the_names_through_the_form(client, admin, commune):
    staff_login(client, admin)
    response = client.post(
        names_url(commune),
        {"name_fr": "Nouveau nom", "name_ar": "اسم جديد", "name_zgh": "ⵉⵙⵎ"},
        follow=True,
    )
    assert "Les noms ont été enregistrés." in response.content.decode()
    commune.refresh_from_db()
    assert (commune.name_fr, commune.name_ar, commune.name_zgh) == (
        "Nouveau nom",
        "اسم جديد",
        "ⵉⵙⵎ",
    )
    assert "<h1>اسم جديد</h1>" in client.get(f"/ar/collectivities/{commune.code}/").content.decode()


def test_an_empty_name_is_refused_and_nothing_changes(client, admin, commune):
    staff_login(client, admin)
    before = commune.name_fr
    response = client.post(names_url(commune), {"name_fr": "", "name_ar": "اسم", "name_zgh": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_name_fr"' in html  # the error summary links to the field
    commune.refresh_from_db()
    assert commune.name_fr == before
    assert not AuditEntry.objects.filter(action="collectivity.names_corrected").exists()


def test_another_collectivity_is_not_found(client, admin, other_commune):
    staff_login(client, admin)
    assert client.get(names_url(other_commune)).status_code == 404
    assert (
        client.post(names_url(other_commune), {"name_fr": "X", "name_ar": "س"}).status_code == 404
    )


def test_the_back_office_sends_the_signed_out_to_the_agents_sign_in(client, db):
    response = client.get("/fr/backoffice/", follow=True)
    assert response.redirect_chain[-1][0] == "/fr/backoffice/login/?next=%2Ffr%2Fbackoffice%2F"
