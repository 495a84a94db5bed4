import pytest
from django.test import override_settings

from idara.conftest import make_user
from idara.notifications.models import Message, State
from idara.notifications.services import MAX_ATTEMPTS, deliver, notify

pytestmark = pytest.mark.django_db


class BrokenGateway:
    def send(self, phone, text):
        raise ConnectionError("gateway down")


@override_settings(SMS_BACKEND="idara.notifications.tests.test_delivery.BrokenGateway")
def test_a_message_that_keeps_failing_is_given_up_after_its_attempts(db):
    user = make_user("a@b.ma")
    user.phone = "+212611111111"
    user.save()
    [_email, sms] = notify(user, "Sujet", "Texte")
    for _ in range(MAX_ATTEMPTS):
        assert deliver(sms.pk) is False
    sms.refresh_from_db()
    assert (sms.state, sms.attempts) == (State.FAILED, MAX_ATTEMPTS)
    assert Message.objects.get(pk=_email.pk).state == State.PENDING  # each channel on its own
