from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from idara.accounts.mfa import needs_second_factor
from idara.api.errors import error_body

# What a staff member may reach before the second factor: signing in and out, enrolling.
OPEN_BEFORE_SECOND_FACTOR = {"backoffice:login", "backoffice:logout", "backoffice:second_factor"}
PRIVATE_PORTAL_PAGES = {
    "file_procedure",
    "my_dossiers",
    "my_dossier",
    "my_receipt",
    "send_documents",
    "withdraw",
    "appeal",
    "my_issued_document",
}


class SecondFactorRequired:
    """A staff account signed in with its password alone reaches only the second factor page
    and the public pages; its API calls by session are refused."""

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
    if match.view_name in OPEN_BEFORE_SECOND_FACTOR:
        return False
    return match.namespace == "backoffice" or (
        match.namespace == "portal" and match.url_name in PRIVATE_PORTAL_PAGES
    )
