"""The national key: an Ed25519 key that signs the audit log's daily checkpoints.

It is a file under SIGNING_KEYS_DIR (`national.key.pem`, its public half `national.pub.pem`),
never a database row, so whoever can write the database cannot sign. The public half is
published with the open data: anyone can check a checkpoint without asking Idara.
Ed25519 (from `cryptography`, already used for the collectivities' keys): short signatures,
no parameters to choose wrongly.
"""

import base64
import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings


class NoNationalKey(Exception):
    pass


def _paths() -> tuple[Path, Path]:
    folder = Path(settings.SIGNING_KEYS_DIR)
    return folder / "national.key.pem", folder / "national.pub.pem"


def has_national_key() -> bool:
    return all(path.exists() for path in _paths())


def make_national_key() -> bool:
    """A new national key, unless there is one; True if made."""
    if has_national_key():
        return False
    private_path, public_path = _paths()
    private_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return True


def public_pem() -> bytes:
    if not has_national_key():
        raise NoNationalKey()
    return _paths()[1].read_bytes()


def key_id(pem: bytes | None = None) -> str:
    """The first 16 hex digits of the SHA-256 of the public key: names the key that signed."""
    return hashlib.sha256(pem or public_pem()).hexdigest()[:16]


def sign(message: bytes) -> str:
    """The base64 Ed25519 signature of the message; NoNationalKey if there is no key."""
    if not has_national_key():
        raise NoNationalKey()
    key = serialization.load_pem_private_key(_paths()[0].read_bytes(), password=None)
    return base64.b64encode(key.sign(message)).decode()


def signature_holds(message: bytes, signature: str, pem: bytes | None = None) -> bool:
    """Whether the signature is the national key's (or the given public key's) on the message."""
    public = serialization.load_pem_public_key(pem or public_pem())
    if not isinstance(public, Ed25519PublicKey):
        return False
    try:
        public.verify(base64.b64decode(signature, validate=True), message)
    except (InvalidSignature, ValueError):
        return False
    return True
