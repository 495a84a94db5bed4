"""The register of a bureau d'état civil: its acts and the marginal notes later acts add.
An act is never deleted; a correction is a marginal note of rectification."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from idara.territories.models import Collectivity
from idara.vault.fields import EncryptedJSONField, EncryptedTextField


class ActKind(models.TextChoices):
    BIRTH = "birth", _("Birth")
    MARRIAGE = "marriage", _("Marriage")
    DEATH = "death", _("Death")


class Sex(models.TextChoices):
    FEMALE = "F", _("Female")
    MALE = "M", _("Male")


class Act(models.Model):
    """One act of a bureau's register. The person is the one born, the husband of a marriage
    act (the wife is the spouse), or the one deceased."""

    bureau = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="acts")
    kind = models.CharField(max_length=10, choices=ActKind.choices)
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    family_name_ar = models.CharField(max_length=100)
    given_name_ar = models.CharField(max_length=100)
    family_name_fr = models.CharField(max_length=100)
    given_name_fr = models.CharField(max_length=100)
    sex = models.CharField(max_length=1, choices=Sex.choices)
    event_date = models.DateField()
    event_place_ar = models.CharField(max_length=150)
    event_place_fr = models.CharField(max_length=150)
    birth_date = models.DateField(null=True, blank=True)
    father_ar = EncryptedTextField(max_length=200, blank=True)
    father_fr = EncryptedTextField(max_length=200, blank=True)
    mother_ar = EncryptedTextField(max_length=200, blank=True)
    mother_fr = EncryptedTextField(max_length=200, blank=True)
    spouse_ar = EncryptedTextField(max_length=200, blank=True)
    spouse_fr = EncryptedTextField(max_length=200, blank=True)
    entered_at = models.DateTimeField(auto_now_add=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["bureau", "kind", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["bureau", "kind", "year", "number"], name="one_act_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.bureau.code} {self.kind} {self.number}/{self.year}"

    def delete(self, *args, **kwargs):
        raise PermissionError("An act of the civil-status register is never deleted.")


class NoteKind(models.TextChoices):
    MARRIAGE = "marriage", _("Marriage")
    DIVORCE = "divorce", _("Divorce")
    DEATH = "death", _("Death")
    RECTIFICATION = "rectification", _("Rectification")


class MarginalNote(models.Model):
    """What a later act or judgment adds in the margin of an act."""

    act = models.ForeignKey(Act, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(max_length=15, choices=NoteKind.choices)
    on = models.DateField()
    text_ar = models.TextField()
    text_fr = models.TextField()
    written_at = models.DateTimeField(auto_now_add=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.act} {self.kind} {self.on}"

    def delete(self, *args, **kwargs):
        raise PermissionError("A marginal note is never deleted.")


class Delivery(models.Model):
    """An extract or copy issued from the register: the act as it stood when it was issued
    (`snapshot`), which is what the signed PDF shows."""

    issued = models.OneToOneField(
        "documents.IssuedDocument", on_delete=models.PROTECT, related_name="civil_delivery"
    )
    act = models.ForeignKey(Act, on_delete=models.PROTECT, related_name="deliveries")
    snapshot = EncryptedJSONField()

    def __str__(self) -> str:
        return f"{self.act} → {self.issued.verification_code[:8]}"
