"""Issue 13: "structured JSON logs with a request id"."""

import json
import logging

import pytest

from idara.operations.logs import JsonLines, WithRequestId
from idara.security.logs import RedactPersonalData

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    """What the production handler writes while the test runs, one JSON object a line."""
    written = []

    class Keep(logging.Handler):
        def emit(self, record):
            written.append(json.loads(self.format(record)))

    handler = Keep()
    handler.addFilter(RedactPersonalData())
    handler.addFilter(WithRequestId())
    handler.setFormatter(JsonLines())
    logging.getLogger().addHandler(handler)
    yield written
    logging.getLogger().removeHandler(handler)


def test_each_line_carries_the_id_the_response_gives_back(client, lines):
    answer = client.get("/fr/nowhere-at-all/")
    assert answer.status_code == 404
    request_id = answer["X-Request-ID"]
    assert len(request_id) == 32
    [line] = [line for line in lines if line["logger"] == "django.request"]
    assert line["request_id"] == request_id and line["level"] == "WARNING"
    assert "nowhere-at-all" in line["message"]


def test_the_proxys_id_is_kept_and_a_strange_one_replaced(client):
    assert client.get("/health/live", HTTP_X_REQUEST_ID="nginx-5f2c9a01")["X-Request-ID"] == (
        "nginx-5f2c9a01"
    )
    replaced = client.get("/health/live", HTTP_X_REQUEST_ID="<script>")["X-Request-ID"]
    assert replaced != "<script>" and len(replaced) == 32


def test_a_traceback_is_one_masked_field(lines):
    try:
        raise ValueError("refused the value amina@example.ma")
    except ValueError:
        logging.getLogger("idara.test").exception("saving failed for amina@example.ma")
    [line] = [line for line in lines if line["logger"] == "idara.test"]
    assert line["message"] == "saving failed for [email]"
    assert "ValueError: refused the value [email]" in line["exception"]
    assert line["request_id"] == "-"  # written outside any request
