"""Issue 21 (low): "password reset is not rate-limited (7 mails in 2 s to one address)"."""

import pytest
from django.core import mail

from idara.conftest import make_user

pytestmark = pytest.mark.django_db


def test_one_address_gets_three_reset_mails_an_hour_then_a_429(client):
    make_user("agent@commune.ma")
    answers = [
        client.post("/fr/backoffice/password/", {"email": "agent@commune.ma"}).status_code
        for _ in range(7)
    ]
    assert answers == [302, 302, 302, 429, 429, 429, 429]
    assert len(mail.outbox) == 3


def test_another_address_is_not_held_back_by_the_first(client):
    for _ in range(4):
        client.post("/fr/backoffice/password/", {"email": "flooded@commune.ma"})
    make_user("other@commune.ma")
    assert client.post("/fr/backoffice/password/", {"email": "other@commune.ma"}).status_code == 302
    assert len(mail.outbox) == 1
