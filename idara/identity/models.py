"""A person's way in: a sign-up under way, before any account exists; a mandate to act for
someone else."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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


class MandateKind(models.TextChoices):
    ARCHITECT = "architect", _("Architect of the owner's project")
    PARENT = "parent", _("Parent or guardian of a minor")
    ATTORNEY = "attorney", _("Power of attorney")


class MandateState(models.TextChoices):
    TO_CHECK = "to_check", _("To be checked by the agent")
    CHECKED = "checked", _("Checked")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


MANDATE_IN_FORCE = [MandateState.TO_CHECK, MandateState.CHECKED]


class Mandate(models.Model):
    """Someone acts for another person: an architect for the owner (their order number), a
    parent for a minor, anyone with a power of attorney (the document). The agent of the
    service that receives the first application filed under it checks it; either person may
    withdraw it. The represented person is known by their CNIE (an account, or the counter's
    kind of record until they sign up)."""

    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates_held"
    )
    represented = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mandates_over"
    )
    kind = models.CharField(max_length=10, choices=MandateKind.choices)
    order_number = models.CharField(max_length=20, blank=True)  # the architect's, at the Order
    document = models.FileField(upload_to="mandates/%Y/%m/", blank=True)
    document_sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField(
        max_length=10, choices=MandateState.choices, default=MandateState.TO_CHECK
    )
    created_at = models.DateTimeField(default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True)
    refusal_reason = models.TextField(blank=True)
    withdrawn_at = models.DateTimeField(null=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"mandate {self.pk}: {self.representative_id} for {self.represented_id}"

    @property
    def in_force(self) -> bool:
        return self.state in MANDATE_IN_FORCE


class Company(models.Model):
    """A business, by its ICE (identifiant commun de l'entreprise, 15 digits). Whoever registers
    it gives the proof that they represent it (an extract of the trade register naming them, a
    power); the agent of the service that receives its first application checks it. Its members
    file for it; its manager says who they are."""

    ice = models.CharField(max_length=15, unique=True)
    name = models.CharField(max_length=200)  # the legal name, as registered
    name_ar = models.CharField(max_length=200, blank=True)
    document = models.FileField(upload_to="companies/%Y/%m/")
    document_sha256 = models.CharField(max_length=64)
    state = models.CharField(
        max_length=10, choices=MandateState.choices, default=MandateState.TO_CHECK
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(null=True)
    refusal_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return f"{self.name} (ICE {self.ice})"


class CompanyMembers(models.QuerySet):
    def effective_for(self, user) -> "CompanyMembers":
        """The memberships of the user's account: the CNIE the manager gave (the row's user)
        and the e-mail they gave, which a sign-up proves; a CNIE alone, typed by anyone at
        sign-up, opens no company."""
        return self.filter(user=user, email=user.email or "-")


class CompanyMember(models.Model):
    """A person who files for the company, named by the manager by CNIE and e-mail."""

    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="company_memberships"
    )
    email = models.EmailField()  # as the manager gave it, lower-case
    is_manager = models.BooleanField(default=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateTimeField(default=timezone.now)

    objects = CompanyMembers.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["company", "user"], name="one_membership_per_company")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.company_id}"
