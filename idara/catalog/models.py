from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from idara.territories.models import Collectivity, LocalizedNameMixin, Service, ServiceKind


class Category(models.TextChoices):
    CIVIL_STATUS = "etat_civil", _("Civil status")
    CERTIFICATION = "legalisation_certification", _("Legalisation and certification")
    URBANISM = "urbanisme", _("Urbanism")
    ECONOMIC = "activites_economiques", _("Economic activities")
    PUBLIC_DOMAIN = "domaine_public", _("Occupation of the public domain")
    ROADS = "voirie_reseaux", _("Roads and networks")
    LOCAL_TAXES = "fiscalite_locale", _("Local taxes")
    FUNERAL = "inhumation_funeraire", _("Burials")
    HEALTH = "hygiene_sante", _("Hygiene and health")
    SOCIAL = "social_certificats", _("Information, complaints and petitions")


class Level(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    PROVINCE = "province_prefecture", _("Province or prefecture")
    REGION = "region", _("Region")
    EVERY = "toutes_collectivites", _("Every collectivity")
    ELSEWHERE = "hors_collectivite", _("Another administration")


class FeeKind(models.TextChoices):
    AMOUNT = "amount", _("A fixed amount")
    FREE = "free", _("Free")
    FORMULA = "formula", _("Set by a formula or by each collectivity")
    UNPUBLISHED = "unpublished", _("Not published")


class Procedure(models.Model):
    """A procedure of the catalogue; what it says lives in its versions."""

    slug = models.SlugField(max_length=80, unique=True)
    category = models.CharField(max_length=32, choices=Category.choices, db_index=True)
    level = models.CharField(max_length=24, choices=Level.choices, db_index=True)
    # Folded names of the latest version, for accent- and hamza-insensitive search.
    search_text = models.TextField(default="", editable=False)

    class Meta:
        ordering = ["category", "slug"]

    def __str__(self) -> str:
        return self.slug


class ProcedureVersion(LocalizedNameMixin, models.Model):
    """A published fiche. It never changes: an edit publishes a new version."""

    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    effective_from = models.DateField()
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    reason = models.TextField(blank=True)
    # SHA-256 of the national file's entry this version was imported from; blank for an edit.
    source_digest = models.CharField(max_length=64, blank=True)

    name_fr = models.CharField(max_length=300)
    name_ar = models.CharField(max_length=300, blank=True)
    competent_authority = models.TextField(blank=True)
    legal_basis = models.JSONField(default=list)
    fee_kind = models.CharField(max_length=12, choices=FeeKind.choices)
    fee_mad = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    fee_formula_fr = models.TextField(blank=True)
    fee_formula_ar = models.TextField(blank=True)
    fee_details = models.TextField(blank=True)
    deadline_days = models.PositiveIntegerField(null=True, blank=True)
    deadline_working_days = models.BooleanField(null=True)
    deadline_details = models.TextField(blank=True)
    investment_linked = models.BooleanField(default=False)
    silence_means_acceptance = models.BooleanField(null=True)
    extension_days = models.PositiveIntegerField(default=0)
    # R6: the text that lists this act as needing a technical expertise or a public enquiry
    # (decree 2-22-386 for the State's acts, the Interior minister's order for a
    # collectivity's); without one, no extension.
    # Nullable and without a default, like every column added since the first release
    # (test_migrations): the code still serving during an upgrade inserts rows without it,
    # and SQLite adds such a column without rebuilding the table.
    extension_basis = models.CharField(max_length=300, blank=True, null=True)  # noqa: DJ001
    appeal_days = models.PositiveIntegerField(default=30)
    service_kind = models.CharField(max_length=24, choices=ServiceKind.choices)
    documents_not_required = models.BooleanField(default=False)
    form_schema = models.JSONField(default=dict)
    user_deadline = models.TextField(blank=True)
    # The fiche's texts in Arabic (the name's is name_ar); null where none was written.
    competent_authority_ar = models.TextField(null=True, blank=True)  # noqa: DJ001 (see above)
    legal_basis_ar = models.JSONField(null=True, blank=True)
    fee_details_ar = models.TextField(null=True, blank=True)  # noqa: DJ001 (see above)
    user_deadline_ar = models.TextField(null=True, blank=True)  # noqa: DJ001 (see above)
    # Which Arabic texts are the project's translation, no source giving an official wording
    # (catalog/data/arabic.json), for the national supervisor to replace: "name_ar", the
    # fields above, "documents". Shown to the citizen like the others.
    translated = models.JSONField(null=True, blank=True)
    notes = models.TextField(blank=True)
    online_platform = models.TextField(blank=True)
    sources = models.JSONField(default=list)
    source_quality = models.TextField(blank=True)

    class Meta:
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.slug} v{self.number}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A published version never changes: publish a new version.")
        super().save(*args, **kwargs)


class RequiredDocument(LocalizedNameMixin, models.Model):
    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.PROTECT, related_name="documents"
    )
    position = models.PositiveIntegerField()
    code = models.SlugField(max_length=40)
    # R1, R2: what the document is (catalog.document_types): the rules go by it, never by
    # the label, which may be reworded.
    document_type = models.SlugField(max_length=40, null=True)  # noqa: DJ001 (see above)
    name_fr = models.TextField()
    name_ar = models.TextField(blank=True)
    mandatory = models.BooleanField(default=True)
    # R1: required only when an answer of the form makes it apply:
    # {"field": <a property of the form>, "in": [<answers>]}; null: whatever the answers.
    required_when = models.JSONField(null=True, blank=True)
    # R2 (art. 7): the fiche lets a declaration on honour (تصريح بالشرف) replace it.
    sworn_statement_allowed = models.BooleanField(null=True)
    accepted_types = models.JSONField(default=list)
    max_size_mb = models.PositiveIntegerField(default=10)
    # The source asked for a legalised or certified copy; Law 55-19 (art. 7) forbids
    # requiring one: a plain copy is accepted.
    legalisation_waived = models.BooleanField(default=False)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="one_document_code")
        ]

    def __str__(self) -> str:
        return self.code

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValueError("A published version's documents never change.")
        super().save(*args, **kwargs)


class Offering(models.Model):
    """What a collectivity does with a procedure: online or not, who handles it,
    and what the law leaves to it (its fee, a shorter deadline, its file limits)."""

    collectivity = models.ForeignKey(
        Collectivity, on_delete=models.PROTECT, related_name="offerings"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="offerings")
    online = models.BooleanField(default=False)
    online_since = models.DateField(null=True, blank=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, null=True, blank=True)
    local_fee_mad = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    local_fee_formula_fr = models.TextField(blank=True)
    local_fee_formula_ar = models.TextField(blank=True)
    local_fee_basis = models.CharField(max_length=200, blank=True)
    # A fee computed from the applicant's answers (see catalog.fees); empty: none.
    local_fee_rule = models.JSONField(default=dict, blank=True)
    local_deadline_days = models.PositiveIntegerField(null=True, blank=True)
    local_document_limits = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "procedure"], name="one_offering"),
        ]
        indexes = [models.Index(fields=["collectivity", "online"])]

    def __str__(self) -> str:
        return f"{self.procedure.slug} @ {self.collectivity.code}"
