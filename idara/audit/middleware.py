"""Failed authorisations go to the audit log: a signed-in user refused a page or an object."""

from idara.audit.services import record

REFUSED = {403, 404}


class RefusedAccessAudited:
    """Every page answers 404 for what is not the caller's, so a refusal and a missing object
    look alike to the caller; the audit log keeps them, so that someone walking through other
    collectivities' dossiers shows up there. Addresses that match no page are not kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in REFUSED and getattr(request, "resolver_match", None):
            user = getattr(request, "user", None)  # for an API call, the token's user
            if user is not None and user.is_authenticated:
                _record_refusal(request, user, response.status_code)
        return response


def _record_refusal(request, user, status: int) -> None:
    record(
        user,
        "access.refused",
        None,
        data={
            "method": request.method,
            "path": request.path[:300],
            "view": request.resolver_match.view_name,
            "status": status,
        },
    )
