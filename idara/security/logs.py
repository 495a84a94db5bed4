"""Log lines never carry personal data: a filter on every handler masks what looks like an
email address, a phone number or a CNIE number, wherever it appears (a URL, a message)."""

import logging
import re

PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"), "[email]"),
    (re.compile(r"(?<![\w.])\+?(212|0)[ ]?[5-7](?:[ ]?\d){8}(?!\d)"), "[phone]"),
    (re.compile(r"(?<![A-Za-z0-9])[A-Z]{1,2}[0-9]{4,7}(?![A-Za-z0-9])"), "[cnie]"),
]


def redact(text: str) -> str:
    for pattern, mask in PATTERNS:
        text = pattern.sub(mask, text)
    return text


class RedactPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            # A database error repeats the values it refused: the traceback is masked too.
            record.exc_text = redact(_FORMATTER.formatException(record.exc_info))
        return True


_FORMATTER = logging.Formatter()
