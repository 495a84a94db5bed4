"""The administrations that call Idara, what each may ask, the citizens' consents, and the
log of every call: who asked, for whom, why, and the hashes of the request and the answer."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    VERIFY = "verify", _("Verify a document Idara issued")
    CIVIL_EXTRACT = "documents.civil_extract", _("Receive a civil-status extract")
    PERMIT = "documents.permit", _("Receive an issued permit")


DOCUMENT_SCOPES = [Scope.CIVIL_EXTRACT, Scope.PERMIT]


class ClientAdministration(models.Model):
    """A registered administration; deny by default: it may call only its scopes."""

    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    identifier = models.SlugField(max_length=60, unique=True)
    name_fr = models.CharField(max_length=200)
    name_ar = models.CharField(max_length=200)
    public_jwk = models.JSONField(help_text="The public key its requests are signed with.")
    scopes = models.JSONField(default=list)
    # Scopes it may use without the person's consent, and the text that allows it.
    legal_basis = models.TextField(blank=True)
    legal_basis_scopes = models.JSONField(default=list, blank=True)
    calls_per_minute = models.PositiveIntegerField(default=60)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.identifier

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_ar if get_language() == "ar" and self.name_ar else self.name_fr


class Consent(models.Model):
    """A citizen lets an administration receive a kind of document about them."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    client = models.ForeignKey(ClientAdministration, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=40, choices=Scope.choices)
    granted_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-granted_at"]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.client_id} {self.scope}"


class ExchangeLog(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    client = models.ForeignKey(
        ClientAdministration, on_delete=models.PROTECT, null=True, related_name="+"
    )
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=300)
    status = models.PositiveIntegerField()
    outcome = models.CharField(max_length=40)  # "ok" or the error code returned
    request_sha256 = models.CharField(max_length=64)
    response_sha256 = models.CharField(max_length=64, blank=True)
    end_user = models.CharField(max_length=200, blank=True)  # who, at the client, asks
    case_reference = models.CharField(max_length=200, blank=True)  # and why
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    jti = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            # A signed request is accepted once: the same nonce again is a replay.
            models.UniqueConstraint(
                fields=["client", "jti"], condition=~Q(jti=""), name="one_use_per_nonce"
            )
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.client_id} {self.path} {self.status}"
