from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from idara.accounts.mfa import needs_second_factor
from idara.api.errors import error_body

# What a staff member may reach before the second factor: what anyone may reach without an
# account, and signing in and out, enrolling. Everything else waits for the second factor.
PUBLIC_NAMESPACES = {"transparency", "open_data", "open_audit", "operations", "permits"}
PUBLIC_PAGES = {
    "portal:home",
    "portal:collectivities",
    "portal:collectivity",
    "portal:procedures",
    "portal:procedure",
    "verify",
    "verify_by_code",
    "payments:cmi_callback",  # the gateway's server, never a browser session
    "backoffice:login",
    "backoffice:logout",
    "backoffice:second_factor",
    "backoffice:password_reset",
    "backoffice:password_reset_done",
    "backoffice:password_reset_confirm",
}


class SecondFactorRequired:
    """A staff account signed in with its password alone reaches only the second factor page
    and the public pages (a page is private unless listed); its API calls by session are
    refused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and needs_second_factor(user):
            if request.path.startswith("/api/"):
                body = error_body("second_factor_required", _("Confirm your second factor first."))
                return JsonResponse(body, status=403)
            if _private(request.path_info):
                return redirect("backoffice:second_factor")
        return self.get_response(request)


def _private(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.namespace not in PUBLIC_NAMESPACES and match.view_name not in PUBLIC_PAGES
