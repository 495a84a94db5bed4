"""The API's rate limits (idara.security.limits), read from the settings at each request."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

RATE_SETTINGS = {"login": "LOGIN_RATE", "filing": "FILING_RATE", "verify": "VERIFY_RATE"}


class ScopedLimit(SimpleRateThrottle):
    """Counts the requests of one scope per user (or per address, for anonymous callers);
    only the methods named count (filing limits POST, not reading one's dossiers)."""

    scope = ""
    methods = ("GET", "POST")

    def __init__(self):
        self.rate = getattr(settings, RATE_SETTINGS[self.scope])
        self.num_requests, self.duration = self.parse_rate(self.rate)

    def allow_request(self, request, view):
        if request.method not in self.methods:
            return True
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        who = request.user.pk if request.user.is_authenticated else self.get_ident(request)
        return f"throttle_{self.scope}_{who}"


class LoginLimit(ScopedLimit):
    scope = "login"
    methods = ("POST",)


class FilingLimit(ScopedLimit):
    scope = "filing"
    methods = ("POST",)


class VerifyLimit(ScopedLimit):
    scope = "verify"
