"""Rate limits where a robot could guess or flood: signing in, filing, verifying a document.

HTML views use django-ratelimit (the answer: a 429 page in the user's language); API views
use DRF's throttles (a 429 JSON error). Counted in the cache, Redis in production.
"""

from django.shortcuts import render
from django.utils.decorators import method_decorator
from django_ratelimit.decorators import ratelimit


def limited(group: str, key: str, rate_setting: str, method=("POST",)):
    """A view decorator: over `rate_setting`'s rate, answer 429."""
    from django.conf import settings

    def rate(_group, _request):
        return getattr(settings, rate_setting)

    return ratelimit(group=group, key=key, rate=rate, method=list(method), block=True)


def limited_method(*args, **kwargs):
    return method_decorator(limited(*args, **kwargs), name="dispatch")


def too_many_requests(request, exception=None):
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response
