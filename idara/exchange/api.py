"""The services other administrations call (OpenAPI under "exchange"). Each call goes through
the gate: token, signature, scope, rate, consent; each is logged."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.views import APIView

from idara.api import parsing
from idara.documents.selectors import verify, verify_file
from idara.exchange import gate
from idara.exchange.gate import Refused
from idara.exchange.models import Scope
from idara.exchange.services import document_about

SIGNED = OpenApiParameter(
    gate.SIGNATURE_HEADER,
    str,
    location=OpenApiParameter.HEADER,
    required=True,
    description="A JWS (ES256) over {htm, htu, body_sha256, iat, jti, end_user, case}.",
)
VERIFICATION = inline_serializer(
    "ExchangeVerification",
    {
        "valid": serializers.BooleanField(),
        "kind": serializers.CharField(allow_null=True),
        "reference": serializers.CharField(allow_null=True),
        "sha256": serializers.CharField(allow_null=True),
    },
)
DOCUMENT = inline_serializer(
    "ExchangeDocument",
    {
        "kind": serializers.CharField(),
        "reference": serializers.CharField(),
        "sha256": serializers.CharField(),
        "pdf_base64": serializers.CharField(),
    },
)


ERROR = inline_serializer(
    "ExchangeError",
    {
        "error": inline_serializer(
            "ExchangeErrorBody",
            {
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(),
            },
        )
    },
)
REFUSALS = {status: ERROR for status in (400, 401, 403, 404, 409, 429)}


def _verification(found) -> dict:
    return {
        "valid": found.valid,
        "kind": found.kind,
        "reference": found.reference,
        "sha256": found.sha256,
    }


class ExchangeView(APIView):
    authentication_classes = []  # the gate checks the OAuth2 token and the signature
    permission_classes = []


class VerifyByCode(ExchangeView):
    @extend_schema(parameters=[SIGNED], responses={200: VERIFICATION} | REFUSALS, tags=["exchange"])
    def get(self, request, code):
        return gate.answer(request, Scope.VERIFY, lambda call: _verification(verify(code)))


class VerifyByFile(ExchangeView):
    @extend_schema(
        parameters=[SIGNED],
        request=inline_serializer("FileHash", {"sha256": serializers.CharField()}),
        responses={200: VERIFICATION} | REFUSALS,
        tags=["exchange"],
    )
    def post(self, request):
        def check(call):
            sha256 = str(_body(request, '{"sha256": "…"}').get("sha256", "")).lower()
            return _verification(verify_file(sha256))

        return gate.answer(request, Scope.VERIFY, check)


class PersonDocument(ExchangeView):
    """A person's document, asked in the signed body: a CNIE number never goes in a URL,
    where proxies and access logs would keep it."""

    @extend_schema(
        parameters=[SIGNED],
        request=inline_serializer(
            "PersonAsked",
            {
                "national_id": serializers.CharField(max_length=12),
                "collectivity": serializers.CharField(
                    required=False,
                    help_text="for an extract: the commune whose register holds the act",
                ),
            },
        ),
        responses={200: DOCUMENT} | REFUSALS,
        tags=["exchange"],
    )
    def post(self, request, kind):
        scope = f"documents.{kind}"

        def answer(call):
            asked = _body(request, '{"national_id": "…", "collectivity": "…"}')
            national_id = str(asked.get("national_id", ""))
            if not national_id.isalnum() or len(national_id) > 12:
                raise Refused(400, "invalid", '{"national_id": "…"}')
            return document_about(call, national_id, scope, str(asked.get("collectivity", "")))

        return gate.answer(request, scope, answer)


def _body(request, shape: str) -> dict:
    """The request's JSON object, or a 400 refusal naming the shape expected."""
    try:
        asked = parsing.loads(request.body or b"{}")
    except parsing.BadJson:
        asked = None
    if not isinstance(asked, dict):
        raise Refused(400, "invalid", shape)
    return asked
