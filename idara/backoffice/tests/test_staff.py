"""A collectivity's administrator manages who works in its services; a new account sets its
own password by the emailed link, then enrols its second factor."""

import re

import pytest
from django.core import mail
from django.test import override_settings

from idara.accounts.models import Membership
from idara.conftest import staff_login

pytestmark = pytest.mark.django_db


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_the_administrator_adds_an_agent_who_sets_a_password(client, admin, commune):
    staff_login(client, admin)
    urbanism = commune.services.get(kind="urbanism")
    client.post(
        f"/fr/backoffice/collectivities/{commune.code}/staff/",
        {
            "email": "new.agent@commune.ma",
            "full_name": "Nadia Berrada",
            "role": "agent",
            "service": urbanism.pk,
        },
    )
    membership = Membership.objects.get(user__email="new.agent@commune.ma")
    assert (membership.role, membership.service) == ("agent", urbanism)
    [email] = mail.outbox
    link = re.search(r"https?://[^/]+(/\S+)", email.body).group(1)
    client.logout()
    form = client.get(link, follow=True)
    client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "un long mot de passe", "new_password2": "un long mot de passe"},
    )
    client.post(
        "/fr/backoffice/login/",
        {"username": "new.agent@commune.ma", "password": "un long mot de passe"},
    )
    assert client.get("/fr/backoffice/dossiers/")["Location"] == "/fr/backoffice/second-factor/"


def test_the_administrator_removes_a_membership_and_sees_only_their_staff(
    client, admin, commune, other_admin, agent
):
    staff_login(client, other_admin)
    membership = agent.memberships.get()
    assert client.get(f"/fr/backoffice/collectivities/{commune.code}/staff/").status_code == 404
    assert (
        client.post(
            f"/fr/backoffice/collectivities/{commune.code}/staff/{membership.pk}/remove/"
        ).status_code
        == 404
    )
    staff_login(client, admin)
    client.post(f"/fr/backoffice/collectivities/{commune.code}/staff/{membership.pk}/remove/")
    assert not Membership.objects.filter(pk=membership.pk).exists()
