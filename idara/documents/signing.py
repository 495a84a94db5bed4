"""PAdES signatures with each collectivity's own key, so that its documents verify offline.

Keys and certificates are files under SIGNING_KEYS_DIR (`{code}.key.pem`, `{code}.crt.pem`),
made by `manage.py make_signing_keys`, never stored in the database. The certificates are
self-issued for now: a reader finds the signature valid and the document unchanged; trusting
the signer needs the national PKI's chain (see docs/civil_status.md)."""

import asyncio
import io
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

KEY_BITS = 3072
VALID_YEARS = 5


class NoSigningKey(Exception):
    pass


def _paths(collectivity) -> tuple[Path, Path]:
    name = collectivity.code.rstrip(".")
    folder = Path(settings.SIGNING_KEYS_DIR)
    return folder / f"{name}.key.pem", folder / f"{name}.crt.pem"


def has_signing_key(collectivity) -> bool:
    return all(p.exists() for p in _paths(collectivity))


def make_signing_key(collectivity) -> bool:
    """A new key and certificate for the collectivity, unless it has them; True if made."""
    key_path, cert_path = _paths(collectivity)
    if has_signing_key(collectivity):
        return False
    key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    _write_private(
        key_path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )
    cert_path.write_bytes(_certificate(collectivity, key).public_bytes(serialization.Encoding.PEM))
    return True


def _write_private(path: Path, content: bytes) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as f:
        f.write(content)


def _certificate(collectivity, key) -> x509.Certificate:
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "MA"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, collectivity.name_fr[:64]),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Idara {collectivity.code}"[:64]),
        ]
    )
    now = datetime.now(UTC)
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * VALID_YEARS))
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )


def sign_pdf(content: bytes, collectivity) -> bytes:
    """The PDF with the collectivity's PAdES signature; NoSigningKey if it has none."""
    if not has_signing_key(collectivity):
        raise NoSigningKey(collectivity.code)
    key_path, cert_path = _paths(collectivity)
    signer = signers.SimpleSigner.load(str(key_path), str(cert_path))
    writer = IncrementalPdfFileWriter(io.BytesIO(content))
    metadata = signers.PdfSignatureMetadata(
        field_name="Signature",
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name=collectivity.name_fr,
        location=collectivity.name_fr,
    )
    signing = lambda: signers.async_sign_pdf(writer, metadata, signer=signer)  # noqa: E731
    return _run(signing).getvalue()


def _run(coroutine_factory):
    """Run pyHanko's coroutine to its end, also from a thread whose event loop is already
    running (asyncio.run refuses that): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine_factory())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(coroutine_factory())).result()
