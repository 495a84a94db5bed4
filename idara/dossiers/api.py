import uuid

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import FileResponse, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from idara.api import parsing
from idara.api.throttles import FilingLimit
from idara.catalog import selectors as catalog
from idara.catalog.models import Procedure
from idara.documents.issuing import issued_pdf
from idara.documents.resumable import completed_file
from idara.dossiers import legal, selectors, timeline
from idara.dossiers.idempotency import KeyReused
from idara.dossiers.models import Channel, Dossier, Event
from idara.dossiers.receipts import receipt_pdf
from idara.dossiers.services import (
    Filing,
    FilingRefused,
    answer_request,
    appeal,
    ask_attestation,
    escalate,
    file_dossier,
    refusal_opened,
    request_act,
    withdraw,
)
from idara.dossiers.states import TransitionRefused
from idara.territories.models import Collectivity
from idara.territories.selectors import collectivity as collectivity_by_code


class EventSerializer(serializers.ModelSerializer):
    note = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = ["at", "kind", "status", "note"]

    def get_note(self, event: Event) -> str:
        return timeline.note(event)


class DossierSerializer(serializers.ModelSerializer):
    """The contract's fields: id, reference, status (the legal one), receipt_status,
    missing_documents, submitted_at, due_date, receipt_url."""

    status = serializers.SerializerMethodField()
    receipt_status = serializers.SerializerMethodField()
    missing_documents = serializers.SerializerMethodField()
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
            "receipt_status",
            "missing_documents",
            "submitted_at",
            "complete_on",
            "due_date",
            "receipt_url",
            "procedure",
            "collectivity",
        ]

    def _legal(self, dossier):
        views = self.context.get("legal_views") or {}
        if dossier.pk not in views:
            views = self.context.setdefault("legal_views", {})
            views[dossier.pk] = selectors.legal_view(dossier)
        return views[dossier.pk]

    def get_status(self, dossier) -> str:
        return self._legal(dossier).status

    def get_receipt_status(self, dossier) -> str:
        """R3: « ملف مودع » (filed) or « ملف في طور الإيداع » (being filed)."""
        return "being_filed" if legal.clock_started_on(dossier) is None else "filed"

    def get_missing_documents(self, dossier) -> list[str]:
        """The document codes still to bring, while the file is being filed."""
        return selectors.still_missing(dossier)

    def get_due_date(self, dossier) -> str | None:
        due = self._legal(dossier).due
        return due.isoformat() if due else None

    def get_receipt_url(self, dossier) -> str:
        path = reverse("api:dossier_receipt", args=[dossier.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class RequestSerializer(serializers.Serializer):
    """R5: a request to the applicant; `answer_due` is the last day to replace a document."""

    kind = serializers.CharField()
    requested_on = serializers.DateField()
    answered_on = serializers.DateField(allow_null=True)
    answer_due = serializers.SerializerMethodField()
    documents = serializers.ListField(child=serializers.CharField())
    reason = serializers.CharField()
    question = serializers.CharField()

    def get_answer_due(self, request) -> str | None:
        if request.answered_on is not None:
            return None
        due = selectors.replacement_due_on(request)
        return due.isoformat() if due else None


class GovernorLetterSerializer(serializers.Serializer):
    number = serializers.CharField(source="governor_letter_number")
    written_on = serializers.DateField(source="governor_letter_on")


class AttestationRequestSerializer(serializers.Serializer):
    """R8: the request for the attestation of the silence, filed with the wali or governor."""

    id = serializers.UUIDField()
    reference = serializers.CharField()
    status = serializers.CharField()
    filed_on = serializers.DateField()
    due_date = serializers.DateField(source="due_on")
    governor_letter = serializers.SerializerMethodField()

    @extend_schema_field(GovernorLetterSerializer(allow_null=True))
    def get_governor_letter(self, request) -> dict | None:
        return GovernorLetterSerializer(request).data if request.governor_letter_on else None


class FetchSerializer(serializers.Serializer):
    """R11: a document the administration obtained, or tried to, with the applicant's consent."""

    document = serializers.CharField(source="document_code")
    holder = serializers.SerializerMethodField()
    obtained = serializers.SerializerMethodField()
    failure = serializers.CharField()
    told_on = serializers.DateField(allow_null=True)
    tell_by = serializers.SerializerMethodField()
    approved_on = serializers.DateField(allow_null=True)
    disputed_on = serializers.DateField(allow_null=True)
    provided = serializers.SerializerMethodField()

    def get_holder(self, fetch) -> str:
        return fetch.holder(get_language())

    def get_tell_by(self, fetch) -> str | None:
        """R11: for a document not obtained, the last day the law allows to tell the applicant."""
        if fetch.file_id is not None:
            return None
        return selectors.not_obtained_told_by(fetch.dossier).isoformat()

    def get_obtained(self, fetch) -> bool:
        return fetch.file_id is not None

    def get_provided(self, fetch) -> bool:
        """The applicant sent it themselves (not obtained, or the copy disputed)."""
        return fetch.provided_id is not None


class ExtensionSerializer(serializers.Serializer):
    kind = serializers.CharField(source="extension_kind")
    days = serializers.IntegerField(source="extension_days")
    reason = serializers.CharField(source="extension_reason")
    notified_on = serializers.DateField(source="extension_notified_on")


class DossierDetailSerializer(DossierSerializer):
    events = serializers.SerializerMethodField()
    data = serializers.JSONField()
    requests = RequestSerializer(many=True, read_only=True)
    extension = serializers.SerializerMethodField()
    motivation = serializers.CharField()
    appeal_until = serializers.SerializerMethodField()
    appeal_open_until = serializers.SerializerMethodField()  # CONTRACT.md's name
    # R9: an appeal: the dossier it appeals, its referral to the governor and their letter.
    appeal_of = serializers.UUIDField(source="appeal_of_id", allow_null=True, read_only=True)
    governor_letter = serializers.SerializerMethodField()
    # R8: after a silence that accepts, the act asked for and the attestation asked of the
    # governor (on the request itself, the dossier it attests).
    act_due_on = serializers.SerializerMethodField()
    attestation_request = serializers.SerializerMethodField()
    attestation_of = serializers.UUIDField(
        source="attestation_of_id", allow_null=True, read_only=True
    )
    obtained_documents = FetchSerializer(source="fetches", many=True, read_only=True)
    issued = serializers.SerializerMethodField()

    class Meta(DossierSerializer.Meta):
        fields = DossierSerializer.Meta.fields + [
            "data",
            "events",
            "requests",
            "extension",
            "motivation",
            "appeal_until",
            "appeal_open_until",
            "appeal_of",
            "escalated_on",
            "governor_letter",
            "act_requested_on",
            "act_due_on",
            "act_delivered_on",
            "attestation_request",
            "attestation_of",
            "obtained_documents",
            "issued",
        ]

    @extend_schema_field(ExtensionSerializer(allow_null=True))
    def get_events(self, dossier: Dossier) -> list:
        """The internal exchanges only for the dossier's agents (dossiers.timeline)."""
        user = self.context["request"].user
        events = (
            timeline.for_agents(dossier)
            if selectors.may_read_in_backoffice(user, dossier)
            else timeline.for_applicant(dossier)
        )
        return EventSerializer(events, many=True).data

    def get_extension(self, dossier) -> dict | None:
        """R6: the one extension, or null."""
        return ExtensionSerializer(dossier).data if dossier.extension_days else None

    def get_appeal_until(self, dossier) -> str | None:
        until = self._legal(dossier).appeal_until
        return until.isoformat() if until else None

    def get_appeal_open_until(self, dossier) -> str | None:
        return self.get_appeal_until(dossier)

    @extend_schema_field(GovernorLetterSerializer(allow_null=True))
    def get_governor_letter(self, dossier) -> dict | None:
        """R9: the wali's or governor's letter to the president about a referred appeal."""
        if dossier.governor_letter_on is None:
            return None
        return GovernorLetterSerializer(dossier).data

    def get_act_due_on(self, dossier) -> str | None:
        """R8: the last day of the president's 7 days to deliver the act asked for."""
        due = self._legal(dossier).act_due
        return due.isoformat() if due else None

    @extend_schema_field(AttestationRequestSerializer(allow_null=True))
    def get_attestation_request(self, dossier) -> dict | None:
        asked = dossier.attestation_requests.order_by("submitted_at").first()
        return AttestationRequestSerializer(asked).data if asked else None

    def get_issued(self, dossier) -> list[dict]:
        return IssuedSerializer(dossier.issued.all(), many=True, context=self.context).data


class DossierList(ListAPIView):
    """The caller's dossiers: a citizen's own; for an agent, their inbox by due date."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [FilingLimit]
    serializer_class = DossierSerializer

    def get_queryset(self):
        user = self.request.user
        inbox = selectors.inbox(user)
        return inbox if selectors.agent_service_ids(user) else selectors.my_dossiers(user)

    def get_serializer(self, *args, **kwargs):
        # A page's legal states are computed together, reading the holidays once.
        if args and isinstance(args[0], list):
            kwargs["context"] = self.get_serializer_context() | {
                "legal_views": selectors.legal_views(args[0])
            }
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "Filing",
                {
                    "procedure": serializers.SlugField(help_text="the procedure's slug"),
                    "collectivity": serializers.CharField(help_text="the collectivity's code"),
                    "data": serializers.CharField(
                        required=False, help_text="the form's answers, a JSON object"
                    ),
                    "uploads": serializers.CharField(
                        required=False, help_text='resumable uploads: {"document code": "id"}'
                    ),
                    "sworn_statements": serializers.CharField(
                        required=False,
                        help_text="documents replaced by a declaration on honour where the "
                        'fiche allows it (Law 55-19 art. 7), a JSON list: ["code"]',
                    ),
                    "consents": serializers.CharField(
                        required=False,
                        help_text="documents the administration holds that the applicant "
                        "consents it obtains for them (Law 55-19 art. 23), a JSON list: "
                        '["code"]; the others are sent, or missing',
                    ),
                },
            )
        },
        parameters=[
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)
        ],
        responses={200: DossierSerializer, 201: DossierSerializer},
        description="One form field per document code holds its file.",
    )
    def post(self, request):
        filing = _filing_from(request)
        try:
            dossier, created = file_dossier(request.user, request.user, filing)
        except FilingRefused as refused:
            raise ValidationError(refused.errors)
        except KeyReused:
            raise KeyUsedForAnotherRequest()
        body = DossierSerializer(dossier, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class KeyUsedForAnotherRequest(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"
    default_detail = gettext_lazy(
        "This Idempotency-Key was already used to file another application: "
        "send a new key for a new application."
    )


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
        data = parsing.loads(_text(fields.get("data")))
    except parsing.BadJson as bad:
        data = None
        errors["data"] = [bad.message]
    if data is not None and not isinstance(data, dict):
        errors["data"] = [_("The form data must be a JSON object.")]
    key = request.headers.get("Idempotency-Key", "")
    if len(key) > 100:
        errors["Idempotency-Key"] = [_("Enter at most %(limit)s characters.") % {"limit": 100}]
    files = dict(request.FILES.items()) | _resumed_files(request, errors)
    sworn = _codes(fields, "sworn_statements", errors)
    consents = _codes(fields, "consents", errors)
    if errors:
        raise ValidationError(errors)
    return Filing(
        procedure,
        collectivity,
        data,
        files,
        key,
        Channel.API,
        sworn_statements=tuple(sworn),
        consents=tuple(consents),
    )


def _codes(fields, name: str, errors: dict) -> list[str]:
    """A multipart field holding a JSON list of document codes (absent: none)."""
    try:
        codes = parsing.loads(_text(fields.get(name), empty="[]"))
    except parsing.BadJson as bad:
        errors[name] = [bad.message]
        return []
    if not (isinstance(codes, list) and all(isinstance(code, str) for code in codes)):
        errors[name] = [_("Send a JSON list of document codes.")]
        return []
    return codes


def _text(field, empty: str = "{}") -> str:
    """A multipart field holding JSON: a JSON body's object or list is no such field."""
    if field is None or field == "":
        return empty
    if not isinstance(field, str):
        raise parsing.BadJson(_("Send this field as JSON text in a multipart form."))
    return field


def _resumed_files(request, errors: dict) -> dict:
    """Documents sent beforehand by resumable upload: `uploads` = {"code": "upload id"}."""
    try:
        named = parsing.loads(_text(request.data.get("uploads")))
    except parsing.BadJson:
        named = None
    if not isinstance(named, dict):
        errors["uploads"] = [_("List the uploads as a JSON object {document code: upload id}.")]
        return {}
    files = {}
    for code, upload_id in named.items():
        try:
            files[code] = completed_file(request.user, str(upload_id))
        except DjangoPermissionDenied as refused:
            errors[code] = [str(refused)]
    return files


class DossierDetail(RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = DossierDetailSerializer

    def get_object(self):
        dossier = _visible(self.request, self.kwargs["pk"])
        if refusal_opened(self.request.user, dossier):  # R9: its appeal days start today
            dossier = _visible(self.request, self.kwargs["pk"])
        return dossier


def _visible(request, pk) -> Dossier:
    try:
        pk = uuid.UUID(str(pk))
    except ValueError:
        raise ValidationError({"id": [_("This is not the identifier of a dossier.")]})
    try:
        return selectors.dossier_for(request.user, pk)
    except (Dossier.DoesNotExist, PermissionDenied):
        raise NotFound(_("Nothing was found at this address."))


PDF = {(200, "application/pdf"): OpenApiTypes.BINARY}


class DossierReceipt(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PDF)
    def get(self, request, pk):
        dossier = _visible(request, pk)
        return pdf_response(receipt_pdf(dossier.receipt), f"{dossier.reference}.pdf")


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class IssuedSerializer(serializers.Serializer):
    kind = serializers.CharField()
    issued_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, document) -> str:
        path = reverse("api:dossier_issued", args=[document.dossier_id, document.kind])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class DossierAction(APIView):
    """The applicant's actions on their dossier: answer the request of the administration,
    withdraw, appeal, escalate, ask for the act or the attestation. Each answers with the
    dossier (for an appeal or an attestation, the new dossier)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="dossiers_action",
        description=(
            "`documents`: the answer to the open request (LAW.md R5): the files asked for, "
            "one form field per document code, and `answer`, the text answering a question; "
            "`withdraw`: nothing; `appeal`: the grounds (201, the appeal); `escalate`: an "
            "appeal unanswered in 15 days, to the governor (R9); `act`: the act of a tacit "
            "acceptance (R8); `attestation`: past the president's 7 days, the governor's "
            "attestation (201, the request)."
        ),
        request={
            "multipart/form-data": inline_serializer(
                "DossierActionRequest",
                {
                    "grounds": serializers.CharField(required=False),
                    "answer": serializers.CharField(required=False),
                },
            )
        },
        parameters=[OpenApiParameter("id", OpenApiTypes.UUID, OpenApiParameter.PATH)],
        responses={200: DossierDetailSerializer, 201: DossierDetailSerializer},
    )
    def post(self, request, pk, action):
        dossier = _visible(request, pk)
        try:
            result = ACTIONS[action](request, dossier)
        except FilingRefused as refused:
            raise ValidationError(refused.errors)
        except TransitionRefused as refused:
            raise ValidationError({"non_field_errors": [refused.message]})
        except DjangoPermissionDenied:
            raise NotFound(_("Nothing was found at this address."))
        status_code = status.HTTP_201_CREATED if action in FILING_ACTIONS else status.HTTP_200_OK
        return Response(
            DossierDetailSerializer(result, context={"request": request}).data, status=status_code
        )


ACTIONS = {
    "documents": lambda request, d: answer_request(
        request.user, d, dict(request.FILES.items()), request.data.get("answer", "")
    ),
    "withdraw": lambda request, d: withdraw(request.user, d),
    "appeal": lambda request, d: appeal(request.user, d, request.data.get("grounds", "")),
    "escalate": lambda request, d: escalate(request.user, d),
    "act": lambda request, d: request_act(request.user, d),
    "attestation": lambda request, d: ask_attestation(request.user, d),
}
# The actions that file a new dossier (201, the new dossier's body).
FILING_ACTIONS = {"appeal", "attestation"}


class DossierIssued(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=PDF)
    def get(self, request, pk, kind):
        dossier = _visible(request, pk)
        document = dossier.issued.filter(kind=kind).first()
        if document is None:
            raise NotFound(_("Nothing was found at this address."))
        return pdf_response(issued_pdf(document), f"{dossier.reference}-{kind}.pdf")


def file_response(kept) -> FileResponse:
    """A stored file, shown inline with its checked type, never cached by a shared proxy."""
    response = FileResponse(kept.file.open("rb"), content_type=kept.content_type)
    response["Content-Disposition"] = f'inline; filename="{kept.name}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
