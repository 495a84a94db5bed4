import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import override_settings

from idara.accounts.demo import DEMO_PASSWORD
from idara.accounts.models import Membership, Role, User
from idara.accounts.selectors import administered_collectivities
from idara.accounts.services import create_user, grant_membership

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2(db):
    user = create_user(None, email="a@b.ma", password="a long passphrase")
    assert user.password.startswith("argon2")
    assert user.check_password("a long passphrase")


def test_an_agent_membership_needs_a_service(commune):
    user = create_user(None, email="a@b.ma", password="x-long-passphrase")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.AGENT, collectivity=commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.NATIONAL_SUPERVISOR, collectivity=commune)


def test_a_national_id_belongs_to_one_account(db):
    create_user(None, email="a@b.ma", password="x-long-passphrase", national_id="AB123456")
    create_user(None, email="c@b.ma", password="x-long-passphrase")
    create_user(None, email="d@b.ma", password="x-long-passphrase")  # blank ids do not clash
    with pytest.raises(IntegrityError):
        create_user(None, email="e@b.ma", password="x-long-passphrase", national_id="AB123456")


def test_an_administrator_administers_only_their_collectivity(commune, other_commune):
    admin = create_user(None, email="admin@b.ma", password="x-long-passphrase")
    grant_membership(None, admin, Role.COLLECTIVITY_ADMIN, collectivity=commune)
    assert list(administered_collectivities(admin)) == [commune]
    agent = create_user(None, email="agent@b.ma", password="x-long-passphrase")
    grant_membership(None, agent, Role.AGENT, service=commune.services.first())
    assert not administered_collectivities(agent).exists()


@override_settings(DEMO=True)
def test_the_demo_accounts_of_the_contract(all_territories):
    call_command("load_demo")
    call_command("load_demo")  # safe to run twice
    agent = User.objects.get(email="agent@demo.idara.ma")
    assert agent.check_password(DEMO_PASSWORD)
    assert {(m.collectivity.code, m.service.kind) for m in agent.memberships.all()} == {
        ("01.151.01.01.", "civil_status"),
        ("01.151.01.01.", "urbanism"),
    }
    assert {
        m.collectivity.code
        for m in User.objects.get(email="agent.tiznit@demo.idara.ma").memberships.all()
    } == {"09.581.01.07."}
    supervisor = User.objects.get(email="supervisor@demo.idara.ma")
    assert supervisor.memberships.get().role == Role.NATIONAL_SUPERVISOR
    citizen = User.objects.get(email="citizen@demo.idara.ma")
    assert not citizen.memberships.exists()


def test_demo_accounts_are_refused_outside_demo_mode(db):
    assert not settings.DEMO
    with pytest.raises(CommandError, match="demo mode"):
        call_command("load_demo")
    assert not User.objects.exists()
