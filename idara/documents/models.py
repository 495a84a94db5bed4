from django.db import models
from django.utils.translation import gettext_lazy as _

from idara.territories.models import Collectivity


class Kind(models.TextChoices):
    ACCEPTANCE = "acceptance", _("Decision of acceptance")
    REFUSAL = "refusal", _("Decision of refusal")
    TACIT_ACCEPTANCE = "tacit_acceptance", _("Attestation of tacit acceptance")
    CIVIL_EXTRACT = "civil_extract", _("Extract of a civil-status act")
    CIVIL_COPY = "civil_copy", _("Full copy of a civil-status act")


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

    class Meta:
        ordering = ["issued_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="one_document_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.dossier_id}"
