import csv
import io
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.utils.encoders import JSONEncoder
from rest_framework.views import APIView

from idara.catalog import selectors
from idara.catalog.fiche import build_fiche
from idara.catalog.models import Category, Level, Procedure
from idara.territories import selectors as territories
from idara.territories.models import Collectivity


class DocumentSerializer(serializers.Serializer):
    code = serializers.CharField(source="source.code")
    name_fr = serializers.CharField(source="source.name_fr")
    name_ar = serializers.CharField(source="source.name_ar")
    mandatory = serializers.BooleanField(source="source.mandatory")
    document_type = serializers.CharField(source="source.document_type")
    required_when = serializers.JSONField(source="source.required_when")
    sworn_statement_allowed = serializers.BooleanField(source="source.sworn_statement_allowed")
    accepted_types = serializers.ListField(child=serializers.CharField())
    max_size_mb = serializers.IntegerField()
    legalisation_waived = serializers.BooleanField(source="source.legalisation_waived")
    set_by = serializers.CharField()


class FicheSerializer(serializers.Serializer):
    """The contract's fields, then what else the fiche states."""

    slug = serializers.CharField(source="version.procedure.slug")
    version = serializers.IntegerField(source="version.number")
    name_fr = serializers.CharField(source="version.name_fr")
    name_ar = serializers.CharField(source="version.name_ar")
    category = serializers.CharField(source="version.procedure.category")
    level = serializers.CharField(source="version.procedure.level")
    deadline_days = serializers.IntegerField()
    deadline_working_days = serializers.BooleanField(source="working_days")
    silence_means_acceptance = serializers.BooleanField()
    fee_mad = serializers.DecimalField(
        source="fee.amount",
        max_digits=10,
        decimal_places=2,
        allow_null=True,
        coerce_to_string=False,
    )
    legal_basis = serializers.ListField(source="version.legal_basis", child=serializers.CharField())
    required_documents = DocumentSerializer(source="documents", many=True)
    form_schema = serializers.JSONField(source="version.form_schema")
    effective_from = serializers.DateField(source="version.effective_from")
    deadline_published = serializers.BooleanField()
    deadline_ceiling_days = serializers.IntegerField(source="ceiling_days")
    deadline_set_by = serializers.CharField()
    fee_kind = serializers.CharField(source="fee.kind")
    fee_formula_fr = serializers.CharField(source="fee.formula_fr")
    fee_formula_ar = serializers.CharField(source="fee.formula_ar")
    fee_set_by = serializers.CharField(source="fee.set_by")
    extension_days = serializers.IntegerField(source="version.extension_days")
    appeal_days = serializers.IntegerField(source="version.appeal_days")
    competent_authority = serializers.CharField(source="version.competent_authority")
    user_deadline = serializers.CharField(source="version.user_deadline")
    sources = serializers.ListField(source="version.sources", child=serializers.CharField())


class OnlineFicheSerializer(FicheSerializer):
    online_since = serializers.DateField(source="offering.online_since")
    service = serializers.IntegerField(source="offering.service_id")


@extend_schema(
    parameters=[
        OpenApiParameter("category", enum=["", *Category.values], description="a category"),
        OpenApiParameter("level", enum=["", *Level.values], description="who offers it"),
        OpenApiParameter(
            "q", description="words of the name, in French or Arabic; accents and hamza are ignored"
        ),
    ]
)
class ProcedureList(ListAPIView):
    """The national catalogue: each procedure's fiche in force today."""

    serializer_class = FicheSerializer

    def get_queryset(self):
        params = self.request.query_params
        try:
            found = selectors.procedures(
                category=params.get("category", ""),
                level=params.get("level", ""),
                q=params.get("q", ""),
            )
        except selectors.UnknownFilter as error:
            raise ValidationError({error.field: [_("Unknown value.")]})
        return _fiches_in_force(found)


def _fiches_in_force(procedures) -> list:
    return [build_fiche(v) for v in map(selectors.version_in_force, procedures) if v]


class ProcedureDetail(RetrieveAPIView):
    serializer_class = FicheSerializer

    def get_object(self):
        try:
            return selectors.fiche(selectors.procedure(self.kwargs["slug"]))
        except Procedure.DoesNotExist:
            raise NotFound(_("No procedure has this name."))


class CollectivityProcedures(ListAPIView):
    """The procedures a collectivity offers online, with what it set for itself."""

    serializer_class = OnlineFicheSerializer

    def get_queryset(self):
        try:
            collectivity = territories.collectivity(self.kwargs["code"])
        except Collectivity.DoesNotExist:
            raise NotFound(_("No collectivity has this code."))
        return selectors.online_fiches(collectivity)


OPEN_DATA_COLUMNS = [
    "slug",
    "version",
    "name_fr",
    "name_ar",
    "category",
    "level",
    "deadline_days",
    "deadline_published",
    "deadline_working_days",
    "silence_means_acceptance",
    "fee_kind",
    "fee_mad",
    "legal_basis",
    "required_documents",
    "competent_authority",
    "sources",
]


class OpenDataCatalogue(APIView):
    """The whole catalogue as open data, in CSV or JSON."""

    @extend_schema(
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "application/json"): FicheSerializer(many=True),
        }
    )
    def get(self, request, fmt: str):
        rows = FicheSerializer(_fiches_in_force(selectors.procedures()), many=True).data
        if fmt == "json":
            body = json.dumps(rows, ensure_ascii=False, indent=1, cls=JSONEncoder)
            return _download(body, "application/json", "idara-catalogue.json")
        return _download(_as_csv(rows), "text/csv; charset=utf-8", "idara-catalogue.csv")


def _as_csv(rows) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=OPEN_DATA_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        flat["legal_basis"] = " | ".join(row["legal_basis"])
        flat["sources"] = " | ".join(row["sources"])
        flat["required_documents"] = " | ".join(d["name_fr"] for d in row["required_documents"])
        writer.writerow(flat)
    return out.getvalue()


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
