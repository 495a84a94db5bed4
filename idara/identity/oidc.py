"""Sign-in with the national identity provider, by OpenID Connect (authorisation code with
PKCE, the provider found by discovery), through Authlib's Django client: it reads the
provider's metadata and keys and checks the ID token (issuer, audience, nonce, signature)
itself. Off unless OIDC_ISSUER and OIDC_CLIENT_ID are set (docs/configuration.md)."""

import logging

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import OAuth
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from requests import RequestException

from idara.identity.services import Claims, account_for_claims
from idara.security.limits import limited

logger = logging.getLogger("idara.identity")


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER and settings.OIDC_CLIENT_ID)


def _provider():
    oauth = OAuth()
    return oauth.register(
        name="national_identity",
        server_metadata_url=settings.OIDC_ISSUER.rstrip("/") + "/.well-known/openid-configuration",
        client_id=settings.OIDC_CLIENT_ID,
        client_secret=settings.OIDC_CLIENT_SECRET or None,
        client_kwargs={"scope": settings.OIDC_SCOPES, "code_challenge_method": "S256"},
    )


@never_cache
@limited("oidc", "ip", "LOGIN_RATE", method=("GET",))
def start(request):
    if not enabled():
        raise Http404(_("Nothing was found at this address."))
    callback = request.build_absolute_uri(reverse("identity:oidc_callback"))
    try:
        return _provider().authorize_redirect(request, callback)
    except (OAuthError, RequestException, ValueError) as error:
        return _unavailable(request, error)


@never_cache
def callback(request):
    if not enabled():
        raise Http404(_("Nothing was found at this address."))
    try:
        provider = _provider()
        token = provider.authorize_access_token(request)
        claims = dict(token.get("userinfo") or {}) | dict(provider.userinfo(token=token))
    except (OAuthError, RequestException, ValueError) as error:
        return _unavailable(request, error)
    user = account_for_claims(_claims(claims))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    return redirect("portal:my_dossiers")


def _claims(found: dict) -> Claims:
    names = [found.get("given_name", ""), found.get("family_name", "")]
    return Claims(
        subject=str(found["sub"]),
        national_id=str(found.get(settings.OIDC_NATIONAL_ID_CLAIM, "")).upper(),
        full_name=found.get("name") or " ".join(n for n in names if n),
        full_name_ar=found.get("name#ar", ""),
        email=found.get("email", "") if found.get("email_verified") else "",
        phone=found.get("phone_number", "") if found.get("phone_number_verified") else "",
    )


def _unavailable(request, error):
    logger.warning("national identity sign-in failed: %s", error)
    messages.error(
        request,
        _("The sign-in with the national identity did not succeed. Try again, or sign in here."),
    )
    return redirect("identity:login")
