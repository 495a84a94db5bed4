import json

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from idara.catalog import selectors as catalog
from idara.catalog.models import Procedure
from idara.dossiers import selectors
from idara.dossiers.models import Channel, Dossier, Event
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.services import Filing, FilingRefused, file_dossier
from idara.territories.models import Collectivity
from idara.territories.selectors import collectivity as collectivity_by_code


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["at", "kind", "status", "note"]


class DossierSerializer(serializers.ModelSerializer):
    """The contract's fields: id, reference, status (the legal one), submitted_at, due_date,
    receipt_url."""

    status = serializers.SerializerMethodField()
    due_date = serializers.SerializerMethodField()
    receipt_url = serializers.SerializerMethodField()
    procedure = serializers.CharField(source="procedure_version.procedure.slug")
    collectivity = serializers.CharField(source="collectivity.code")

    class Meta:
        model = Dossier
        fields = [
            "id",
            "reference",
            "status",
            "submitted_at",
            "due_date",
            "receipt_url",
            "procedure",
            "collectivity",
        ]

    def _legal(self, dossier):
        cache = self.context.setdefault("legal", {})
        if dossier.pk not in cache:
            cache[dossier.pk] = selectors.legal_view(dossier)
        return cache[dossier.pk]

    def get_status(self, dossier) -> str:
        return self._legal(dossier).status

    def get_due_date(self, dossier) -> str | None:
        due = self._legal(dossier).due
        return due.isoformat() if due else None

    def get_receipt_url(self, dossier) -> str:
        path = reverse("api:dossier_receipt", args=[dossier.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class DossierDetailSerializer(DossierSerializer):
    events = EventSerializer(many=True, read_only=True)
    data = serializers.JSONField()

    class Meta(DossierSerializer.Meta):
        fields = DossierSerializer.Meta.fields + ["data", "events"]


class DossierList(ListAPIView):
    """The caller's dossiers: a citizen's own; for an agent, their inbox by due date."""

    permission_classes = [IsAuthenticated]
    serializer_class = DossierSerializer

    def get_queryset(self):
        user = self.request.user
        inbox = selectors.inbox(user)
        return inbox if selectors.agent_service_ids(user) else selectors.my_dossiers(user)

    def post(self, request):
        filing = _filing_from(request)
        try:
            dossier, created = file_dossier(request.user, request.user, filing)
        except FilingRefused as refused:
            raise ValidationError(refused.errors)
        body = DossierSerializer(dossier, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def _filing_from(request) -> Filing:
    fields = request.data
    errors = {}
    try:
        procedure = catalog.procedure(fields.get("procedure", ""))
    except Procedure.DoesNotExist:
        procedure = None
        errors["procedure"] = [_("No procedure has this name.")]
    try:
        collectivity = collectivity_by_code(fields.get("collectivity", ""))
    except Collectivity.DoesNotExist:
        collectivity = None
        errors["collectivity"] = [_("No collectivity has this code.")]
    try:
        data = json.loads(fields.get("data") or "{}")
    except (TypeError, json.JSONDecodeError):
        data = None
        errors["data"] = [_("The form data must be a JSON object.")]
    key = request.headers.get("Idempotency-Key", "")
    if len(key) > 100:
        errors["Idempotency-Key"] = [_("Enter at most %(limit)s characters.") % {"limit": 100}]
    if errors:
        raise ValidationError(errors)
    return Filing(procedure, collectivity, data, dict(request.FILES.items()), key, Channel.API)


class DossierDetail(RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DossierDetailSerializer

    def get_object(self):
        return _visible(self.request, self.kwargs["pk"])


def _visible(request, pk) -> Dossier:
    try:
        return selectors.dossier_for(request.user, pk)
    except (Dossier.DoesNotExist, ValueError, PermissionDenied):
        raise NotFound(_("Nothing was found at this address."))


class DossierReceipt(APIView):
    permission_classes = [IsAuthenticated]

    def get(self, request, pk):
        dossier = _visible(request, pk)
        return pdf_response(receipt_pdf(dossier.receipt), f"{dossier.reference}.pdf")


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
