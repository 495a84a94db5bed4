"""Pages about a person are never kept by a browser's or a proxy's cache."""


class PrivatePagesNotStored:
    """`Cache-Control: no-store` on every answer to a request that carried a session or
    credentials, unless the view said how it may be cached (public pages do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response and _personal(request):
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response


def _personal(request) -> bool:
    from django.conf import settings

    user = getattr(request, "user", None)
    return bool(
        (user is not None and user.is_authenticated)
        or request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        or request.headers.get("Authorization")
    )
