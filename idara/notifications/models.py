from django.db import models
from django.utils.translation import gettext_lazy as _

from idara.vault.fields import EncryptedTextField


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "SMS"


class State(models.TextChoices):
    PENDING = "pending", _("Queued")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class Message(models.Model):
    """The outbox: written in the same transaction as the change it tells of, delivered after."""

    channel = models.CharField(max_length=8, choices=Channel.choices)
    recipient = EncryptedTextField(max_length=254)  # an email address or a phone number
    # The reference of the dossier the message is about, so the applicant's space shows it.
    about = models.CharField(max_length=40, blank=True, db_index=True)
    subject = models.CharField(max_length=200, blank=True)
    body = EncryptedTextField()
    # The language the subject and body are written in (the recipient's, when it was written).
    language = models.CharField(max_length=8, null=True, blank=True)  # noqa: DJ001
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, db_index=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.channel} to {self.recipient}: {self.state}"

    @property
    def masked_recipient(self) -> str:
        """Enough for an agent to tell which address or number, not to copy it."""
        if self.channel == Channel.EMAIL:
            name, _, domain = self.recipient.partition("@")
            return f"{name[:1]}…@{domain}"
        return "…" + self.recipient[-2:]
