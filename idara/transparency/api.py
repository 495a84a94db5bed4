"""The transparency portal's figures in the API: the ranking, a collectivity's indicators and
its budgets. Public, read-only, the same figures as the pages and the open data files."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny

from idara.territories.models import Collectivity
from idara.transparency import law_states, selectors
from idara.transparency.indicators import Figures
from idara.transparency.models import Budget, BudgetLine, MonthlyFigures, RankingEntry
from idara.transparency.open_data import RANKING_FIELDS
from idara.transparency.ranking import Period
from idara.transparency.views import CATEGORIES


class RankingEntrySerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="collectivity.code")
    name_fr = serializers.CharField(source="collectivity.name_fr")
    name_ar = serializers.CharField(source="collectivity.name_ar")

    class Meta:
        model = RankingEntry
        fields = RANKING_FIELDS  # the open-data files and the API give the same columns


@extend_schema(
    parameters=[
        OpenApiParameter(
            "period",
            str,
            pattern=r"^((20[0-9]{2}|2100)-Q[1-4])?$",
            description='A quarter, e.g. "2026-Q4"; the latest by default',
        ),
        OpenApiParameter("region", str, description="A region's code: its ranking"),
        OpenApiParameter("category", str, enum=["", *CATEGORIES]),
    ]
)
class RankingList(ListAPIView):
    """The ranked collectivities of a quarter, best first."""

    permission_classes = [AllowAny]
    serializer_class = RankingEntrySerializer

    def get_queryset(self):
        params = self.request.query_params
        period = params.get("period") or selectors.latest_period()
        category = params.get("category", "")
        errors = {}
        try:
            if period is not None:  # None: nobody has been ranked yet
                Period.parse(period)
        except ValueError:
            errors["period"] = [_("Give a quarter such as 2026-Q4.")]
        if category and category not in CATEGORIES:
            errors["category"] = [_("Choose one of: %(names)s.") % {"names": ", ".join(CATEGORIES)}]
        if errors:
            raise ValidationError(errors)
        if period is None:
            return RankingEntry.objects.none()
        return selectors.ranked(period, region_code=params.get("region", ""), category=category)


class MonthlyFiguresSerializer(serializers.ModelSerializer):
    procedure = serializers.CharField(source="procedure.slug")
    month = serializers.SerializerMethodField()
    on_time_rate = serializers.SerializerMethodField()
    median_days = serializers.SerializerMethodField()
    p90_days = serializers.SerializerMethodField()

    class Meta:
        model = MonthlyFigures
        fields = [
            "procedure",
            "month",
            "received",
            "decided",
            "decided_on_time",
            "tacit",
            "on_time_rate",
            "median_days",
            "p90_days",
        ]

    def get_month(self, row) -> str:
        """The month, as YYYY-MM (the open data files write it the same way)."""
        return row.month.strftime("%Y-%m")

    def get_on_time_rate(self, row) -> float | None:
        return Figures.of_row(row).on_time_rate

    def get_median_days(self, row) -> float | None:
        return Figures.of_row(row).median_days

    def get_p90_days(self, row) -> float | None:
        return Figures.of_row(row).p90_days


def _collectivity(code: str) -> Collectivity:
    unit = Collectivity.objects.filter(code=code).first()
    if unit is None:
        raise Http404(_("No collectivity has this code."))
    return unit


CODE = OpenApiParameter(
    "code",
    str,
    location=OpenApiParameter.PATH,
    description="The collectivity's geographic code (HCP)",
    examples=[OpenApiExample("Chefchaouen", value="01.151.01.01.")],
)


@extend_schema(parameters=[CODE])
class IndicatorList(ListAPIView):
    """A collectivity's figures, one row per procedure and month, oldest first."""

    permission_classes = [AllowAny]
    serializer_class = MonthlyFiguresSerializer

    def get_queryset(self):
        unit = _collectivity(self.kwargs["code"])
        rows = MonthlyFigures.objects.filter(collectivity=unit).select_related("procedure")
        return rows.order_by("month", "procedure__slug")


class LawStatesSerializer(serializers.Serializer):
    """R13: the law's steps of a collectivity in one period (a quarter or a year)."""

    code = serializers.CharField()
    period = serializers.CharField(help_text='A quarter ("2026-Q4") or a year ("2026")')
    returned = serializers.IntegerField()
    acts_requested = serializers.IntegerField()
    acts_delivered = serializers.IntegerField()
    acts_delivered_in_time = serializers.IntegerField()
    attestations_requested = serializers.IntegerField()
    attestations_delivered = serializers.IntegerField()
    attestations_delivered_in_time = serializers.IntegerField()
    appeals = serializers.IntegerField()
    appeals_answered = serializers.IntegerField()
    appeals_answered_in_time = serializers.IntegerField()
    escalations = serializers.IntegerField()


@extend_schema(parameters=[CODE])
class LawStatesList(ListAPIView):
    """A collectivity's files returned, acts asked and delivered after a silence, attestations
    and appeals, by quarter and by year (each year after its quarters), oldest first."""

    permission_classes = [AllowAny]
    serializer_class = LawStatesSerializer
    pagination_class = None

    def get_queryset(self):
        return law_states.period_rows(_collectivity(self.kwargs["code"]))


class BudgetLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = BudgetLine
        fields = ["chapter", "article", "line", "label", "section", "direction", "amount"]


class BudgetSerializer(serializers.ModelSerializer):
    lines = BudgetLineSerializer(many=True)

    class Meta:
        model = Budget
        fields = ["year", "kind", "sha256", "published_at", "lines"]


@extend_schema(parameters=[CODE])
class BudgetList(ListAPIView):
    """A collectivity's published budgets and accounts, newest first, with their lines."""

    permission_classes = [AllowAny]
    serializer_class = BudgetSerializer

    def get_queryset(self):
        unit = _collectivity(self.kwargs["code"])
        return Budget.objects.filter(collectivity=unit).prefetch_related("lines")
