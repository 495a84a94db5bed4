"""Model fields whose values are encrypted in the database (the personal fields the data
inventory lists). Each value has its own data key, wrapped like a file's.

Such a field cannot be searched or sorted in SQL: a field that must be looked up
(the CNIE number) keeps a keyed hash beside it (`blind_index`).
"""

import base64
import hashlib
import hmac
import json
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from idara.vault import keys

PREFIX = "vault1$"


def seal_text(plain: str) -> str:
    data_key = AESGCM.generate_key(bit_length=256)
    key_id, wrapped = keys.provider().wrap(data_key)
    nonce = os.urandom(12)
    sealed = AESGCM(data_key).encrypt(nonce, plain.encode(), key_id.encode())
    return PREFIX + "$".join((key_id, _b64(wrapped), _b64(nonce + sealed)))


def open_text(stored: str) -> str:
    """The plain value; a value written before encryption was switched on is returned as is."""
    if not stored.startswith(PREFIX):
        return stored
    key_id, wrapped, sealed = stored.removeprefix(PREFIX).split("$")
    data_key = keys.provider().unwrap(key_id, _unb64(wrapped))
    raw = _unb64(sealed)
    return AESGCM(data_key).decrypt(raw[:12], raw[12:], key_id.encode()).decode()


def key_id_of(stored: str | None) -> str | None:
    if not stored or not stored.startswith(PREFIX):
        return None
    return stored.removeprefix(PREFIX).split("$", 1)[0]


def blind_index(value: str) -> str:
    """A keyed hash for equality lookups: the same value gives the same digest, and the
    digest tells nothing without the index key."""
    if not value:
        return ""
    return hmac.new(keys.index_key(), value.encode(), hashlib.sha256).hexdigest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class EncryptedTextField(models.TextField):
    """Text kept encrypted; forms see a one-line input of `max_length`."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else open_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value  # an empty value says nothing, and stays comparable to ""
        return seal_text(value)

    def formfield(self, **kwargs):
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedJSONField(models.TextField):
    """A JSON value kept encrypted as one sealed text."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else json.loads(open_text(value))

    def to_python(self, value):
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value):
        if value is None:
            return None
        return seal_text(json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False))

    def value_to_string(self, obj):
        return self.value_from_object(obj)
