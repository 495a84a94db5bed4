import time

from idara.operations.metrics import LATENCY, REQUESTS


class RequestsMeasured:
    """Count each request and time it, labelled by the route's name (never its address,
    which would hold ids and make one series per dossier)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = match.view_name if match else "unmatched"
        LATENCY.labels(route).observe(time.perf_counter() - started)
        REQUESTS.labels(route, f"{response.status_code // 100}xx").inc()
        return response
