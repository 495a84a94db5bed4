"""The outbox: messages are written with the change they tell of, and delivered after commit.
A failed delivery is retried later and never undoes or blocks what it tells of."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from idara.notifications.models import Channel, Message, State

MAX_ATTEMPTS = 8


def notify(
    user, subject: str, body: str, *, about: str = "", language: str | None = None
) -> list[Message]:
    """Queue a message to each channel the user has and wants; delivery starts once committed.
    `language`: the one subject and body are written in (by default, the active one)."""
    channels = [
        (Channel.EMAIL, user.email if user.wants_email else ""),
        (Channel.SMS, user.phone if user.wants_sms else ""),
    ]
    return [
        queue(channel, to, subject, body, about=about, language=language)
        for channel, to in channels
        if to
    ]


def queue(
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    *,
    about: str = "",
    language: str | None = None,
) -> Message:
    """Queue one message to one address or number, delivered once committed: for what is sent
    before there is an account (a sign-up's link and code)."""
    message = Message.objects.create(
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        about=about,
        language=language or get_language(),
    )
    transaction.on_commit(lambda pk=message.pk: _schedule(pk))
    return message


def _schedule(message_id: int) -> None:
    from idara.notifications.tasks import deliver_message

    deliver_message.delay(message_id)


def deliver(message_id: int) -> bool:
    """Send one message; on failure, keep it for a later attempt. True once sent."""
    with transaction.atomic():
        message = Message.objects.select_for_update().get(pk=message_id)
        if message.state != State.PENDING:
            return message.state == State.SENT
        try:
            _send(message)
        except Exception as error:  # noqa: BLE001 — any failure of a channel is retried later
            message.attempts += 1
            message.last_error = f"{type(error).__name__}: {error}"[:1000]
            message.state = State.FAILED if message.attempts >= MAX_ATTEMPTS else State.PENDING
            message.next_attempt_at = timezone.now() + timedelta(minutes=2**message.attempts)
            message.save()
            return False
        message.state, message.sent_at = State.SENT, timezone.now()
        message.attempts += 1
        message.save()
    for listener in _DELIVERED:  # after commit: what they write cannot undo the delivery
        listener(message)
    return True


# Modules that must know when a message reached its recipient (the day a refusal reached the
# applicant, LAW.md R9) register here.
_DELIVERED: list[Callable[[Message], None]] = []


def on_delivered(listener: Callable[[Message], None]) -> None:
    if listener not in _DELIVERED:
        _DELIVERED.append(listener)


def deliver_due(now=None) -> int:
    """Retry every pending message whose time has come; the number sent."""
    now = now or timezone.now()
    due = Message.objects.filter(state=State.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    return sum(deliver(pk) for pk in list(due.values_list("pk", flat=True)))


def _send(message: Message) -> None:
    if message.channel == Channel.EMAIL:
        send_mail(message.subject, message.body, None, [message.recipient], fail_silently=False)
    else:
        import_string(settings.SMS_BACKEND)().send(message.recipient, message.body)
