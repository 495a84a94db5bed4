import hmac
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CONTENT_TYPE_LATEST

from idara.operations.checks import CHECKS
from idara.operations.metrics import exposition

logger = logging.getLogger(__name__)


@never_cache
def live(request):
    """The process answers: restart it only when this fails."""
    return JsonResponse({"status": "live"})


@never_cache
def ready(request):
    """Send traffic here only when every component this instance needs answers."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except Exception:  # any failure of a component means: not ready, and why, in the log
            logger.exception("readiness: the %s check failed", name)
            results[name] = "failing"
    ready_now = "failing" not in results.values()
    return JsonResponse(
        {"status": "ready" if ready_now else "not ready", "checks": results},
        status=200 if ready_now else 503,
    )


@never_cache
def metrics(request):
    """For Prometheus: with METRICS_TOKEN set, to the bearer of that token; without, to this
    machine only, not through a proxy (which would make every visitor look local). Anyone
    else finds nothing here."""
    if not may_scrape(request):
        raise Http404
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)


def may_scrape(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        offered = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return hmac.compare_digest(offered.encode(), token.encode())
    proxied = "X-Forwarded-For" in request.headers
    return not proxied and request.META.get("REMOTE_ADDR") in ("127.0.0.1", "::1")
