"""The published figures: kept up to date as dossiers move, never by rescanning them, and
rebuilt from scratch by `rebuild_indicators` (both give the same figures); the ranking
computed from them per period; the budgets the collectivities publish."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from idara.catalog.models import Procedure
from idara.territories.models import Collectivity


class MonthlyFigures(models.Model):
    """What a collectivity did with one procedure in one month: dossiers received (by filing
    day) and decided (by decision day), decided within the legal due date, accepted by silence,
    and how many days each decision took ({days: dossiers}, for medians and percentiles)."""

    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()  # its first day
    received = models.PositiveIntegerField(default=0)
    decided = models.PositiveIntegerField(default=0)
    decided_on_time = models.PositiveIntegerField(default=0)
    tacit = models.PositiveIntegerField(default=0)
    days = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "procedure", "month"], name="one_figure_per_month"
            )
        ]
        indexes = [models.Index(fields=["month", "collectivity"])]

    def __str__(self) -> str:
        return f"{self.collectivity_id}/{self.procedure_id} {self.month:%Y-%m}"


class OpenBacklog(models.Model):
    """How many dossiers of a procedure a collectivity has open now."""

    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="+")
    open = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "procedure"], name="one_backlog")
        ]

    def __str__(self) -> str:
        return f"{self.collectivity_id}/{self.procedure_id}: {self.open} open"


class LawStateFigures(models.Model):
    """R13 (Law 55-19 art. 28): what became of a collectivity's applications by the law's own
    steps, in one month, each counted in the month it happened: files returned incomplete (R3,
    R5); acts asked for after a silence and delivered, within the president's 7 days or not
    (R8); attestations of a silence asked of the governor and delivered, within their 10 days
    or not (R8, counted at the province or prefecture); appeals filed, answered, within the
    president's 15 days or not, and referred to the governor (R9). Rebuilt from the dossiers'
    dates (transparency.law_states)."""

    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    month = models.DateField()  # its first day
    returned = models.PositiveIntegerField(default=0)
    acts_requested = models.PositiveIntegerField(default=0)
    acts_delivered = models.PositiveIntegerField(default=0)
    acts_delivered_in_time = models.PositiveIntegerField(default=0)
    attestations_requested = models.PositiveIntegerField(default=0)
    attestations_delivered = models.PositiveIntegerField(default=0)
    attestations_delivered_in_time = models.PositiveIntegerField(default=0)
    appeals = models.PositiveIntegerField(default=0)
    appeals_answered = models.PositiveIntegerField(default=0)
    appeals_answered_in_time = models.PositiveIntegerField(default=0)
    escalations = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["collectivity", "month"], name="one_law_state_month")
        ]

    def __str__(self) -> str:
        return f"{self.collectivity_id} {self.month:%Y-%m}"


class RankingEntry(models.Model):
    """A collectivity's place in a period's ranking, with the figures that made its score."""

    period = models.CharField(max_length=7)  # "2026-Q4"
    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(max_length=16)
    region_code = models.CharField(max_length=16)
    decided = models.PositiveIntegerField()
    on_time_rate = models.FloatField(null=True)
    answered_rate = models.FloatField(null=True)  # decisions not left to silence
    median_days = models.FloatField(null=True)
    digitisation_rate = models.FloatField()
    score = models.FloatField(null=True)  # None: below the minimum volume, not ranked
    rank_national = models.PositiveIntegerField(null=True)
    rank_region = models.PositiveIntegerField(null=True)
    rank_category = models.PositiveIntegerField(null=True)
    previous_rank_national = models.PositiveIntegerField(null=True)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["period", "collectivity"], name="one_rank_per_period")
        ]
        indexes = [
            models.Index(fields=["period", "rank_national"]),
            models.Index(fields=["period", "region_code", "rank_region"]),
            models.Index(fields=["period", "category", "rank_category"]),
        ]

    def __str__(self) -> str:
        return f"{self.period} {self.collectivity_id}: {self.rank_national}"


class BudgetKind(models.TextChoices):
    ADOPTED = "adopted", _("Adopted budget")
    EXECUTED = "executed", _("Executed accounts")


class Budget(models.Model):
    """A budget or its executed accounts, as the collectivity's administrator published it."""

    collectivity = models.ForeignKey(Collectivity, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=BudgetKind.choices)
    file = models.FileField(upload_to="budgets/%Y/")
    sha256 = models.CharField(max_length=64)
    published_at = models.DateTimeField()
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["collectivity", "year", "kind"], name="one_budget_per_year_and_kind"
            )
        ]
        ordering = ["-year", "kind"]

    def __str__(self) -> str:
        return f"{self.collectivity_id} {self.year} {self.kind}"


class Section(models.TextChoices):
    OPERATING = "operating", _("Operating")
    INVESTMENT = "investment", _("Investment")


class Direction(models.TextChoices):
    REVENUE = "revenue", _("Revenue")
    SPENDING = "spending", _("Spending")


class BudgetLine(models.Model):
    budget = models.ForeignKey(Budget, on_delete=models.CASCADE, related_name="lines")
    chapter = models.CharField(max_length=10)
    article = models.CharField(max_length=10)
    line = models.CharField(max_length=10)
    label = models.CharField(max_length=200)
    section = models.CharField(max_length=10, choices=Section.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    amount = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.chapter}.{self.article}.{self.line} {self.amount}"
