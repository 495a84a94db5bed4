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


class RequestBodyLimit:
    """A request announcing a body larger than `MAX_REQUEST_BODY_MB` is refused before a byte
    of it is read (413), with a message saying how to send large files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_MB * 1024 * 1024:
            return _too_large(request, settings.MAX_REQUEST_BODY_MB)
        return self.get_response(request)


def _too_large(request, limit_mb: int):
    from django.http import JsonResponse
    from django.shortcuts import render
    from django.utils.translation import gettext as _

    from idara.api.errors import error_body

    message = _(
        "What you sent is larger than %(n)s MB. Send large plans one at a time: the filing "
        "page sends each document separately."
    ) % {"n": limit_mb}
    if request.path.startswith("/api/"):
        return JsonResponse(error_body("too_large", message), status=413)
    return render(request, "413.html", {"message": message}, status=413)


class NoNulCharacters:
    """A query string carrying a NUL character is refused (400): no text in Idara holds one,
    and PostgreSQL refuses it in any string. Forms and the API's fields refuse it already."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.core.exceptions import BadRequest

        if any("\x00" in key or "\x00" in value for key, value in _pairs(request.GET)):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)


def _pairs(query):
    for key, values in query.lists():
        for value in values:
            yield key, value
