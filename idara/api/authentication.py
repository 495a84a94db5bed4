from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import authentication, exceptions

from idara.accounts.selectors import user_for_token_digest
from idara.accounts.services import token_digest


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>` with a token from POST /api/v1/auth/token."""

    keyword = "bearer"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("The Authorization header is malformed."))
        user = user_for_token_digest(token_digest(parts[1].decode("latin-1")))
        if user is None:
            raise exceptions.AuthenticationFailed(_("The token is not valid or has expired."))
        return user, None

    def authenticate_header(self, request):
        return "Bearer"


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's, with its CSRF refusal in the caller's language and the contract's code."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                _("The page's security token is missing or out of date: reload it and try again."),
                code="csrf_failed",
            ) from None


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI description names this authentication (read by drf-spectacular)."""

    target_class = BearerTokenAuthentication
    name = "bearerToken"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix="Bearer",  # noqa: S106 (a word, no secret)
        )


class SessionScheme(OpenApiAuthenticationExtension):
    """The session cookie, as drf-spectacular describes DRF's own session authentication."""

    target_class = SessionAuthentication
    name = "cookieAuth"

    def get_security_definition(self, auto_schema):
        from django.conf import settings

        return {"type": "apiKey", "in": "cookie", "name": settings.SESSION_COOKIE_NAME}
