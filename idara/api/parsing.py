"""JSON from outside, read with limits: a document nested deeper than any form of Idara, or a
string that is not text (a lone UTF-16 surrogate, which no database or cipher can store),
is refused as bad input, never left to fail deeper down."""

import json

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


class BadJson(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def loads(text: str | bytes):
    """The JSON value of `text`; BadJson with a message for the user if it is not one."""
    try:
        value = json.loads(text)
    except RecursionError as error:
        raise BadJson(_("The JSON is nested too deeply.")) from error
    except ValueError as error:
        raise BadJson(_("This is not valid JSON.")) from error
    _check(value)
    return value


def _check(value) -> None:
    pending = [(value, 1)]
    while pending:
        found, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise BadJson(_("The JSON is nested too deeply."))
        if isinstance(found, dict):
            pending.extend((key, depth) for key in found)
            pending.extend((item, depth + 1) for item in found.values())
        elif isinstance(found, list):
            pending.extend((item, depth + 1) for item in found)
        elif isinstance(found, str) and not _is_text(found):
            raise BadJson(_("The JSON holds characters that are not text."))


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class JSONParser(parsers.JSONParser):
    """DRF's parser with the limits above; its errors in the caller's language."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", "utf-8")
        try:
            return loads(stream.read().decode(encoding))
        except UnicodeDecodeError as error:
            raise ParseError(_("The request is not UTF-8 text.")) from error
        except BadJson as error:
            raise ParseError(error.message) from error
