import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from idara.catalog.models import ProcedureVersion
from idara.territories.models import Collectivity, Service
from idara.vault.fields import EncryptedJSONField, EncryptedTextField


class Status(models.TextChoices):
    BEING_FILED = "being_filed", _("Being filed")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    # R5: a request to the applicant awaits its answer; the clock stands still.
    AWAITING_APPLICANT = "awaiting_applicant", _("Awaiting the applicant's answer")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Refused")
    TACITLY_ACCEPTED = "tacitly_accepted", _("Tacitly accepted")
    RETURNED = "returned", _("Returned")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed")
    # R9: an appeal the president left unanswered, referred to the wali or governor.
    ESCALATED = "escalated", _("Referred to the governor")


OPEN_STATUSES = [
    Status.BEING_FILED,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.AWAITING_APPLICANT,
    Status.ESCALATED,
]


class ExtensionKind(models.TextChoices):
    """R6 (art. 17): an extension only for an act that needs one of these."""

    TECHNICAL_EXPERTISE = "technical_expertise", _("A technical expertise")
    PUBLIC_ENQUIRY = "public_enquiry", _("A public enquiry")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    API = "api", _("Through the API")
    COUNTER = "counter", _("At the counter")


class Dossier(models.Model):
    """An application. Its legal state (due date, tacit acceptance) is computed from the
    dates kept here (dossiers.legal); `due_on` is that computation stored for sorting."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=40, unique=True)
    collectivity = models.ForeignKey(
        Collectivity, on_delete=models.PROTECT, related_name="dossiers"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="dossiers")
    procedure_version = models.ForeignKey(
        ProcedureVersion, on_delete=models.PROTECT, related_name="+"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dossiers"
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    data = EncryptedJSONField(default=dict)  # the applicant's answers: personal
    idempotency_key = models.CharField(max_length=100, blank=True)
    # Nullable, like every column added since the first release: the code still serving
    # during an upgrade inserts rows without it (idara/tests/test_migrations.py).
    idempotency_fingerprint = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001

    # What the fiche in force promised at filing; the receipt states it.
    submitted_at = models.DateTimeField()
    filed_on = models.DateField()
    deadline_days = models.PositiveIntegerField()
    working_days = models.BooleanField()
    # R4: the law's ceiling for this act in calendar days (60, or 30 for an investment act),
    # which caps a deadline counted in working days.
    ceiling_days = models.PositiveIntegerField(null=True, blank=True)
    silence_means_acceptance = models.BooleanField()
    extension_allowed_days = models.PositiveIntegerField(default=0)
    appeal_days = models.PositiveIntegerField()
    fee_text = models.CharField(max_length=500, blank=True)
    # The fee in dirhams the fiche set when the dossier was filed (None: a formula, or not
    # published); what the applicant pays before an issued document is released.
    fee_mad = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    # R3: the documents missing at filing, listed once and for all; the day the last of them
    # arrived (the day the filing was complete, if none was missing): the clock starts then.
    missing_documents = models.JSONField(null=True, blank=True)
    complete_on = models.DateField(null=True, blank=True)

    # The first version's one request for documents, carried over to ApplicantRequest by
    # migration 0015. Kept, unread, for the code still serving during the upgrade: to be
    # dropped in the next release (idara/tests/test_migrations.py).
    documents_requested_on = models.DateField(null=True, blank=True)
    documents_requested = models.JSONField(default=list, blank=True)
    documents_request_note = models.TextField(blank=True)
    documents_received_on = models.DateField(null=True, blank=True)

    # The clock's dates (the requests' own are on ApplicantRequest).
    extension_days = models.PositiveIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    # R6: what the extension is for, and the day the applicant was told the new due date.
    extension_kind = models.CharField(  # noqa: DJ001 (nullable: see idempotency_fingerprint)
        max_length=20, choices=ExtensionKind.choices, null=True, blank=True
    )
    extension_notified_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, db_index=True)

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The decision as the figures count it, written when it is taken (a tacit acceptance on its
    # due date): its kind, its day, and the days it took with the clock's stops left out.
    decision = models.CharField(max_length=20, choices=Status.choices, blank=True)
    decided_on = models.DateField(null=True, blank=True)
    processing_days = models.PositiveIntegerField(null=True, blank=True)
    motivation = models.TextField(blank=True)
    # R7, R9: the day the refusal reached the applicant (opened in their space, handed at the
    # counter, or its e-mail or SMS delivered, whichever came first); the appeal runs from it.
    refusal_received_on = models.DateField(null=True, blank=True)
    # Training mode: a practice dossier no citizen filed, worked by an agent learning the
    # back office. It takes no receipt number, issues nothing, notifies nobody, counts nowhere.
    practice = models.BooleanField(default=False)
    appeal_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="appeals"
    )
    # R9: an appeal referred to the wali or governor, and the letter they wrote to the
    # president (its number and date, as annex 2 of decree 2-22-141 cites letters).
    escalated_on = models.DateField(null=True, blank=True)
    governor_letter_number = models.CharField(max_length=60, null=True, blank=True)  # noqa: DJ001
    governor_letter_on = models.DateField(null=True, blank=True)
    # R8: the applicant's request for a tacitly accepted act, and the day the act was delivered;
    # past the president's 7 days, a request for the attestation of the silence, filed at the
    # province or prefecture, is linked to the dossier (`attestation_of`). The governor's
    # letter to the president is recorded on that request like an appeal's (above), with the
    # president's written explanations, if any.
    act_requested_on = models.DateField(null=True, blank=True)
    act_delivered_on = models.DateField(null=True, blank=True)
    attestation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attestation_requests",
    )
    president_explanations = models.TextField(null=True, blank=True)  # noqa: DJ001
    explanations_on = models.DateField(null=True, blank=True)
    # Filed at the counter: the code printed on the receipt. Until the person types it in their
    # own space (idara.identity), the dossier is not shown there; then it is cleared.
    claim_code = EncryptedTextField(max_length=12, null=True, blank=True)
    # Filed by a representative (an architect, a parent, an attorney) for the applicant.
    mandate = models.ForeignKey(
        "identity.Mandate", on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )
    # Filed by a member for their company (identity.Company).
    company = models.ForeignKey(
        "identity.Company", on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers"
    )

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["applicant", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="one_dossier_per_idempotency_key",
            )
        ]
        indexes = [
            models.Index(fields=["service", "status", "due_on"]),
            # The agent's inbox in its order, so its first page reads 50 entries, not the
            # service's whole backlog.
            models.Index(
                fields=["service", "due_on", "submitted_at"],
                condition=Q(status__in=OPEN_STATUSES, practice=False),
                name="dossier_inbox_order",
            ),
            models.Index(fields=["applicant", "submitted_at"]),
            # A collectivity's overdue backlog, on its public scorecard.
            models.Index(fields=["collectivity", "status", "due_on"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def procedure(self):
        return self.procedure_version.procedure


class RequestKind(models.TextChoices):
    """R5 (Law 55-19 art. 10 §2, 14, 7(4)): the three requests, each at most once."""

    REPLACE_DOCUMENT = "replace_document", _("Replace a document")
    INFORMATION = "information", _("Complementary information")
    ORIGINALS = "originals", _("Show the originals")


class ApplicantRequest(models.Model):
    """R5: a request to the applicant after the receipt. The clock stands still from the day
    it reached the applicant (sent to their space and notified that day) to the day of the
    answer, both included."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="requests")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    requested_on = models.DateField()
    reason = models.TextField(blank=True)  # the motivation (replace_document, originals)
    documents = models.JSONField(default=list, blank=True)  # codes of the fiche's documents
    question = models.TextField(blank=True)  # information
    answered_on = models.DateField(null=True, blank=True)
    answer = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "kind"], name="one_request_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.kind}"


class Purpose(models.TextChoices):
    FILING = "filing", _("Filed with the application")
    COMPLETION = "completion", _("Brought to complete the file")
    REQUESTED = "requested", _("Sent on request")
    DECISION = "decision", _("Decision")
    HELD = "held", _("Attached by the administration (once-only)")
    OPINION = "opinion", _("Joined to an opinion")
    # R2: a declaration on honour the applicant made instead of the document.
    SWORN = "sworn", _("Replaced by a declaration on honour")
    # R8, R9: the wali's or governor's letter to the president (an appeal, an attestation).
    LETTER = "letter", _("The governor's letter")
    # R8: the president's written explanations to the wali or governor.
    EXPLANATIONS = "reply", _("The president's explanations")


class DossierFile(models.Model):
    """A file of a dossier, kept through the storage API with its SHA-256."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="files")
    document_code = models.SlugField(max_length=40)
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.FILING)
    file = models.FileField(upload_to="dossiers/%Y/%m/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField()
    content_type = models.CharField(max_length=100)
    name = models.CharField(max_length=120)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opinion = models.ForeignKey(
        "Opinion", on_delete=models.PROTECT, null=True, blank=True, related_name="files"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id}/{self.document_code}"


class ReceiptCounter(models.Model):
    """The last receipt number given by a collectivity in a year: numbers have no gaps
    because the counter moves in the same transaction as the filing."""

    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "year"], name="one_counter_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.collectivity_id}/{self.year}: {self.last}"


class Receipt(models.Model):
    """L4: the receipt of a filing. Its PDF is made once and kept: always the same bytes."""

    dossier = models.OneToOneField(Dossier, on_delete=models.PROTECT, related_name="receipt")
    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    number = models.PositiveIntegerField()
    verification_code = models.CharField(max_length=64, unique=True)
    issued_at = models.DateTimeField()
    pdf = models.FileField(upload_to="receipts/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    # R3: the receipt of a file being filed, kept as it was given when the complete file's
    # receipt, under the same number, replaces it.
    being_filed_pdf = models.FileField(upload_to="receipts/%Y/", null=True, blank=True)
    being_filed_pdf_sha256 = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "year", "number"], name="one_receipt_number"
            )
        ]

    def __str__(self) -> str:
        return self.dossier.reference


class Event(models.Model):
    """The dossier's timeline, as the applicant and the agents see it."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    # What a person wrote (a question, a reason), as written.
    note = models.TextField(blank=True)
    # What the platform says, kept untranslated and said in the reader's language
    # (dossiers.timeline): {"channel", "service", "verdict", "documents", "said", "values"}.
    data = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind}"


class HolidayOverride(models.Model):
    """A public holiday an administrator adds (the day the moon was sighted) or removes."""

    day = models.DateField(unique=True)
    observed = models.BooleanField(help_text="True adds the day, False removes it.")
    name = models.CharField(max_length=120)
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"{self.day} {'+' if self.observed else '-'} {self.name}"


class Verdict(models.TextChoices):
    FAVOURABLE = "favourable", _("Favourable")
    CONDITIONS = "conditions", _("Favourable with conditions")
    UNFAVOURABLE = "unfavourable", _("Unfavourable")


class Opinion(models.Model):
    """An opinion asked of another service (of the collectivity, or of another one, such as a
    body of a permits commission), with its own due date; its answer joins the dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="opinions")
    asked_service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="opinions")
    # None: asked by the platform itself, as the commission of a permit is at filing.
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    question = models.TextField()
    asked_on = models.DateField()
    due_on = models.DateField()
    # A binding opinion that is unfavourable forbids acceptance.
    binding = models.BooleanField(default=False)
    verdict = models.CharField(max_length=12, choices=Verdict.choices, blank=True)
    conditions = models.TextField(blank=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_on", "id"]
        indexes = [models.Index(fields=["asked_service", "answered_at", "due_on"])]

    def __str__(self) -> str:
        return f"opinion on {self.dossier_id} from {self.asked_service_id}"


class MotivationTemplate(models.Model):
    """A reason for refusal a collectivity writes once and its agents choose from (L8)."""

    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=120)
    text = models.TextField()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class DocumentFetch(models.Model):
    """R11 (Law 55-19 art. 23, 24): a document the administration obtained, or tried to, for the
    applicant, with their prior consent given at filing: who holds it, the copy obtained (which
    the applicant approves before an agent relies on it, or disputes and replaces), or why it
    could not be had (the applicant is told, and sends it)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="fetches")
    document_code = models.SlugField(max_length=40)
    holder_fr = models.CharField(max_length=300)
    holder_ar = models.CharField(max_length=300)
    source = models.CharField(max_length=200)  # for the audit log
    consented_at = models.DateTimeField()
    file = models.ForeignKey(
        DossierFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    failure = models.TextField(blank=True)  # why it could not be obtained, as the user read it
    told_on = models.DateField(null=True, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    disputed_on = models.DateField(null=True, blank=True)
    dispute = models.TextField(blank=True)
    # What the applicant sent instead, when it could not be obtained or they disputed the copy.
    provided = models.ForeignKey(
        DossierFile, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "document_code"], name="one_fetch_each")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_id}/{self.document_code}"

    @property
    def awaits_approval(self) -> bool:
        """Obtained, and neither approved nor replaced by the applicant's own copy."""
        obtained = self.file_id is not None and self.disputed_on is None
        return obtained and self.approved_on is None and self.provided_id is None

    @property
    def awaits_document(self) -> bool:
        """Not obtained, or its copy disputed, and nothing sent by the applicant yet."""
        failed_or_disputed = self.file_id is None or self.disputed_on is not None
        return failed_or_disputed and self.provided_id is None

    def holder(self, language: str) -> str:
        return self.holder_ar if language == "ar" and self.holder_ar else self.holder_fr
