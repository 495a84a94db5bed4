import pytest
from django.db import IntegrityError, transaction

from idara.accounts.models import Membership, Role
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
