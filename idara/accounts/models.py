from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from idara.territories.models import Collectivity, Service
from idara.vault.fields import EncryptedTextField, blind_index


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_superuser(self, email, password=None, **fields):
        fields |= {"is_staff": True, "is_superuser": True}
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person: a citizen, an agent, a supervisor, who signs in by e-mail; or someone an agent
    filed for at the counter, known by their CNIE, who has no e-mail and cannot sign in until
    they sign up with the same CNIE (idara.identity)."""

    email = models.EmailField(_("email address"), unique=True, null=True, blank=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    full_name_ar = models.CharField(  # noqa: DJ001 (nullable: added to a live table)
        _("full name in Arabic script"), max_length=200, blank=True, null=True
    )
    phone = EncryptedTextField(
        _("phone number"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\+?[0-9 ]{9,19}$", _("Enter a valid phone number."))],
    )
    national_id = EncryptedTextField(
        _("national identity card number (CNIE)"),
        max_length=12,
        blank=True,
        validators=[RegexValidator(r"^[A-Z]{1,2}[0-9]{1,7}$", _("Enter a valid CNIE number."))],
    )
    # The CNIE is looked up and must be unique: a keyed hash of it (idara.vault.fields).
    national_id_digest = models.CharField(max_length=64, blank=True, editable=False)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=5,
        choices=[("ar", "العربية"), ("fr", "Français")],
        default="ar",
    )
    # The `sub` the national identity provider gives this person (idara.identity.oidc).
    national_identity_subject = models.CharField(  # noqa: DJ001 (nullable: added to a live table)
        max_length=255, unique=True, null=True, blank=True, editable=False
    )
    # Sign-up proves both: a link opened from the e-mail, a code typed from the SMS.
    email_verified_at = models.DateTimeField(null=True, blank=True)
    phone_verified_at = models.DateTimeField(null=True, blank=True)
    # The channels the person wants their messages by; their space always shows them.
    wants_email = models.BooleanField(_("by e-mail"), default=True, db_default=True)
    wants_sms = models.BooleanField(_("by SMS"), default=True, db_default=True)
    # Closed at the person's request: no sign-in, no contact kept; dossiers kept (docs/identity.md).
    closed_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"

    class Meta:
        verbose_name = _("user")
        constraints = [
            models.UniqueConstraint(
                fields=["national_id_digest"],
                condition=~Q(national_id_digest=""),
                name="one_account_per_national_id",
            )
        ]

    def __str__(self) -> str:
        return self.email or self.full_name or f"person {self.pk}"

    @property
    def may_sign_in(self) -> bool:
        return bool(self.email) and self.has_usable_password()

    def save(self, *args, **kwargs):
        self.national_id_digest = blind_index(self.national_id or "")
        if kwargs.get("update_fields") and "national_id" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "national_id_digest"}
        super().save(*args, **kwargs)


class Role(models.TextChoices):
    AGENT = "agent", _("Agent")
    HEAD_OF_SERVICE = "head_of_service", _("Head of service")
    COLLECTIVITY_ADMIN = "collectivity_admin", _("Collectivity administrator")
    NATIONAL_SUPERVISOR = "national_supervisor", _("National supervisor")
    AUDITOR = "auditor", _("Auditor")


SERVICE_ROLES = [Role.AGENT, Role.HEAD_OF_SERVICE]
NATIONAL_ROLES = [Role.NATIONAL_SUPERVISOR, Role.AUDITOR]


class Membership(models.Model):
    """Who works where, with which role.

    Agents and heads of service belong to a service; a collectivity
    administrator to a collectivity; national roles to neither.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    collectivity = models.ForeignKey(
        Collectivity, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    since = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="membership_scope_fits_role",
                condition=(
                    Q(role__in=SERVICE_ROLES, service__isnull=False, collectivity__isnull=False)
                    | Q(
                        role=Role.COLLECTIVITY_ADMIN,
                        service__isnull=True,
                        collectivity__isnull=False,
                    )
                    | Q(role__in=NATIONAL_ROLES, service__isnull=True, collectivity__isnull=True)
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "service"],
                condition=Q(role__in=SERVICE_ROLES),
                name="one_membership_per_service",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "collectivity"],
                condition=Q(role=Role.COLLECTIVITY_ADMIN),
                name="one_membership_per_collectivity",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(role__in=NATIONAL_ROLES),
                name="one_national_membership",
            ),
        ]

    def __str__(self) -> str:
        where = self.service or self.collectivity or "national"
        return f"{self.user} — {self.get_role_display()} — {where}"


class ApiToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; it expires."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"token of {self.user} until {self.expires_at:%Y-%m-%d %H:%M}"
