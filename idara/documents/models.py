import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from idara.territories.models import Collectivity
from idara.vault.fields import EncryptedTextField


class Kind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Decision of acceptance")
    REFUSAL = "refusal", _("Decision of refusal")
    TACIT_ACCEPTANCE = "tacit_acceptance", _("Attestation of tacit acceptance")
    CIVIL_EXTRACT = "civil_extract", _("Extract of a civil-status act")
    CIVIL_COPY = "civil_copy", _("Full copy of a civil-status act")
    PERMIT = "permit", _("Permit or authorisation")


class IssuedDocument(models.Model):
    """A document Idara issued about a dossier: a decision, or the attestation of a tacit
    acceptance. Drawn once and kept, it verifies by its code like a receipt."""

    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, related_name="issued")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    issuer = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    verification_code = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField()
    pdf = models.FileField(upload_to="issued/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    # R7: a refusal is drawn again once it reached the applicant, carrying that day; the
    # drawing made before is kept here.
    before_notice_pdf = models.FileField(upload_to="issued/%Y/", null=True, blank=True)
    before_notice_pdf_sha256 = models.CharField(  # noqa: DJ001 (nullable: dossiers 0014)
        max_length=64, null=True, blank=True
    )

    class Meta:
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="one_document_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.dossier_id}"


class ResumableUpload(models.Model):
    """A large file sent in pieces (the tus protocol): a dropped connection in a remote commune
    resumes at the last byte received, not from zero. Its bytes live in a file of their own
    until a filing takes them."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=120)
    length = models.PositiveBigIntegerField()
    offset = models.PositiveBigIntegerField(default=0)
    expected_sha256 = models.CharField(max_length=64, blank=True)
    # The types the document's field accepts, where the page said: the first piece is refused
    # when its first bytes are of another (null: checked only when the form is sent).
    accepted_types = models.JSONField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    # The key its bytes are encrypted with while they wait (idara.vault.offset_cipher).
    data_key = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.filename} {self.offset}/{self.length}"

    @property
    def complete(self) -> bool:
        return self.completed_at is not None
