"""SMS backends. The console backend writes messages to the log; a gateway backend is
configured in production through SMS_BACKEND."""

import logging

logger = logging.getLogger("idara.sms")


class ConsoleSMSBackend:
    def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone[:-4] + "****", text)
