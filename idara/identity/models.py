"""A person's way in: a sign-up under way, before any account exists."""

from django.db import models
from django.utils import timezone

from idara.vault.fields import EncryptedTextField


class SignUp(models.Model):
    """What a person typed to open an account, kept until they open the link sent to their
    e-mail and type the code sent to their phone; only then is the account created. Personal
    data, encrypted; the link and the code are kept as digests."""

    email = EncryptedTextField(max_length=254)
    phone = EncryptedTextField(max_length=20)
    national_id = EncryptedTextField(max_length=12)
    full_name = EncryptedTextField(max_length=200)
    full_name_ar = EncryptedTextField(max_length=200)
    preferred_language = models.CharField(max_length=5)
    password = models.CharField(max_length=128)  # hashed as an account's is
    link_digest = models.CharField(max_length=64, unique=True)
    code_digest = models.CharField(max_length=64, blank=True)
    email_confirmed_at = models.DateTimeField(null=True)
    codes_sent = models.PositiveSmallIntegerField(default=0)
    code_sent_at = models.DateTimeField(null=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    completed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"sign-up {self.pk}"
