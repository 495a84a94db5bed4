from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response
from rest_framework.views import APIView

from idara.accounts.services import SecondFactorMissing, issue_api_token
from idara.api.authentication import BearerTokenAuthentication
from idara.api.throttles import LoginLimit


class Credentials(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, min_length=1)
    otp = serializers.CharField(
        required=False, default="", help_text="staff accounts: a code from the authenticator"
    )


class TokenView(APIView):
    """Exchange an email and password for a bearer token."""

    authentication_classes = [BearerTokenAuthentication]
    throttle_classes = [LoginLimit]

    @extend_schema(
        request=Credentials,
        responses={200: inline_serializer("Token", {"token": serializers.CharField()})},
    )
    def post(self, request):
        credentials = Credentials(data=request.data)
        credentials.is_valid(raise_exception=True)
        try:
            token = issue_api_token(request._request, **credentials.validated_data)
        except SecondFactorMissing:
            raise AuthenticationFailed(
                _("Staff accounts need a code from their authenticator (otp)."),
                code="second_factor_required",
            )
        if token is None:
            raise AuthenticationFailed(_("The email or the password is not right."))
        return Response({"token": token}, status=status.HTTP_200_OK)
