"""Master keys: they wrap each file's and each field's data key, and never touch data.

`IDARA_MASTER_KEYS` lists them, newest first, as `id:key` with the key in URL-safe base64
(32 bytes). The first wraps every new data key; the others still unwrap what they wrapped
until `manage.py rotate_keys` has re-wrapped it. Without the variable, a key generated once
into var/ serves the demo and development (a system check warns in production).

A KMS plugs in by naming a class with the same three methods in `MASTER_KEY_PROVIDER`.
"""

import base64
import os
import secrets
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.utils.module_loading import import_string

KEY_BYTES = 32
NONCE_BYTES = 12


class UnknownKey(KeyError):
    """Data wrapped by a master key this instance no longer has."""


class EnvironmentKeys:
    """Master keys from the environment (or var/ for the demo), AES-256-GCM key wrapping."""

    def __init__(self, keys: dict[str, bytes], current: str):
        self.keys = keys
        self.current = current

    def wrap(self, data_key: bytes) -> tuple[str, bytes]:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, data_key, self.current.encode())
        return self.current, nonce + sealed

    def unwrap(self, key_id: str, wrapped: bytes) -> bytes:
        if key_id not in self.keys:
            raise UnknownKey(key_id)
        nonce, sealed = wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:]
        return AESGCM(self.keys[key_id]).decrypt(nonce, sealed, key_id.encode())


def parse(listing: str) -> tuple[dict[str, bytes], str]:
    """`id:key,id:key` → ({id: key}, the first id)."""
    keys, order = {}, []
    for item in filter(None, (part.strip() for part in listing.split(","))):
        key_id, _, encoded = item.partition(":")
        key = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4))
        if not key_id or len(key) != KEY_BYTES or not key_id.isalnum():
            raise ValueError(f"master key {key_id!r}: an alphanumeric id and 32 bytes")
        keys[key_id] = key
        order.append(key_id)
    if not order:
        raise ValueError("no master key")
    return keys, order[0]


def new_key_entry(key_id: str) -> str:
    encoded = base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode().rstrip("=")
    return f"{key_id}:{encoded}"


def local_key_file(var_dir: Path, name: str, make) -> str:
    """A key generated once into var/ with mode 0600, for the demo and development."""
    path = var_dir / name
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return path.read_text().strip()
        with os.fdopen(fd, "w") as f:
            f.write(make())
    return path.read_text().strip()


def new_index_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(KEY_BYTES)).decode().rstrip("=")


@cache
def provider():
    cls = import_string(settings.MASTER_KEY_PROVIDER)
    if cls is EnvironmentKeys:
        return EnvironmentKeys(*parse(settings.MASTER_KEYS))
    return cls()


@cache
def index_key() -> bytes:
    """The key of the blind indexes (`fields.blind_index`): not rotated with the master keys,
    since every digest would have to be computed again (see docs/security.md)."""
    return base64.urlsafe_b64decode(settings.INDEX_KEY + "=" * (-len(settings.INDEX_KEY) % 4))


def reset() -> None:
    """Forget the keys read so far (after the settings change: tests, rotation)."""
    provider.cache_clear()
    index_key.cache_clear()
