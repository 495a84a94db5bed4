"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to,
so that an operator follows one request through the web server, Django and the log store."""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

REQUEST_ID: ContextVar[str] = ContextVar("request_id", default="-")
# An id set by the proxy in front (nginx's $request_id) is kept when it looks like one.
SANE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


class RequestIdentified:
    """Give each request an id (the proxy's X-Request-ID, or a new one), send it back in the
    response's X-Request-ID, and put it on every log line written while answering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        request_id = offered if SANE_ID.fullmatch(offered) else uuid.uuid4().hex
        # Not reset on the way out, since Django logs a request's error status after the
        # middleware has returned: reset when the request is finished (apps.py).
        REQUEST_ID.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


class WithRequestId(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info or record.exc_text:
            # The redacting filter has already written (and masked) the traceback.
            line["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def forget_request_id(**_) -> None:
    REQUEST_ID.set("-")
