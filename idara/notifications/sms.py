"""SMS backends: `send(phone, text)` raises when the message did not leave. The console backend
writes the message to the log (the demo's SMS); the gateway backend posts it to an SMS
operator's HTTP API, set by SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN and SMS_SENDER."""

import logging

import requests
from django.conf import settings

logger = logging.getLogger("idara.sms")


class ConsoleSMSBackend:
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone[:-4] + "****", text)


class GatewayRefused(Exception):
    """The gateway answered, but did not take the message."""


class HttpGatewaySMSBackend:
    """One JSON POST a message, `{"to", "from", "text"}`, with the token as a bearer; any answer
    but 2xx, or none within the timeout, leaves the message to be tried again."""

    timeout = 10

    def send(self, phone: str, text: str) -> None:
        answer = requests.post(
            settings.SMS_GATEWAY_URL,
            json={"to": phone, "from": settings.SMS_SENDER, "text": text},
            headers={"Authorization": f"Bearer {settings.SMS_GATEWAY_TOKEN}"},
            timeout=self.timeout,
        )
        if not answer.ok:
            raise GatewayRefused(f"HTTP {answer.status_code}: {answer.text[:200]}")
