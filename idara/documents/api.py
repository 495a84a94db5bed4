from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from idara.api.throttles import VerifyLimit
from idara.documents.selectors import verify


class VerificationSerializer(serializers.Serializer):
    valid = serializers.BooleanField()
    kind = serializers.CharField(allow_null=True)
    reference = serializers.CharField(allow_null=True)
    issued_at = serializers.DateTimeField(allow_null=True)
    collectivity = serializers.CharField(allow_null=True)
    sha256 = serializers.CharField(allow_null=True)


class VerifyView(APIView):
    """Whether a code printed on a receipt or an issued document is genuine."""

    authentication_classes = []
    throttle_classes = [VerifyLimit]
    serializer_class = VerificationSerializer

    def get(self, request, code):
        return Response(VerificationSerializer(verify(code)).data)
