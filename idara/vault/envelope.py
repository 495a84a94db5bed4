"""The format of an encrypted file: a header, then the content in sealed segments.

    IDARAENC | version | key id | wrapped data key | nonce prefix | segment | segment | …

Each file has its own random data key (AES-256-GCM), wrapped by the master key the header
names. The content is cut into 64 KiB segments, each sealed with a nonce made of the file's
prefix, the segment's number and a last-segment flag (the STREAM construction), so a reader
can open any segment alone (seeking in a large plan) and no segment can be moved, dropped
or truncated unseen. Re-wrapping the data key rewrites the header only; segments stay.
"""

import io
import os
import struct
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"IDARAENC"
VERSION = 1
SEGMENT = 64 * 1024
TAG = 16
PREFIX_BYTES = 7
SEALED_SEGMENT = SEGMENT + TAG
AAD = MAGIC + bytes([VERSION])


class DamagedFile(ValueError):
    """The bytes do not open with their key: changed, truncated or reordered."""


@dataclass(frozen=True)
class Header:
    key_id: str
    wrapped_key: bytes
    prefix: bytes

    def to_bytes(self) -> bytes:
        kid = self.key_id.encode()
        return (
            AAD
            + struct.pack("!B", len(kid))
            + kid
            + struct.pack("!H", len(self.wrapped_key))
            + self.wrapped_key
            + self.prefix
        )


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def read_header(stream) -> Header:
    """The header at the stream's start; the stream is left just after it."""
    if stream.read(len(AAD)) != AAD:
        raise DamagedFile("not an Idara encrypted file, or an unknown version")
    (kid_len,) = struct.unpack("!B", stream.read(1))
    key_id = stream.read(kid_len).decode()
    (wrapped_len,) = struct.unpack("!H", stream.read(2))
    wrapped = stream.read(wrapped_len)
    prefix = stream.read(PREFIX_BYTES)
    if len(prefix) != PREFIX_BYTES:
        raise DamagedFile("truncated header")
    return Header(key_id, wrapped, prefix)


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack("!IB", number, 1 if last else 0)


def seal(chunks, out, keys) -> None:
    """Write `chunks` (bytes) to `out`, encrypted under a new data key wrapped by `keys`."""
    data_key = AESGCM.generate_key(bit_length=256)
    key_id, wrapped = keys.wrap(data_key)
    header = Header(key_id, wrapped, os.urandom(PREFIX_BYTES))
    out.write(header.to_bytes())
    aead = AESGCM(data_key)
    number, pending = 0, b""
    for chunk in chunks:
        pending += chunk
        while len(pending) > SEGMENT:  # keep one segment back: only the last gets the flag
            piece, pending = pending[:SEGMENT], pending[SEGMENT:]
            out.write(aead.encrypt(_nonce(header.prefix, number, False), piece, AAD))
            number += 1
    out.write(aead.encrypt(_nonce(header.prefix, number, True), pending, AAD))


class OpenedFile(io.RawIOBase):
    """The plain content of a sealed file, read and sought segment by segment."""

    def __init__(self, raw, keys, sealed_size: int):
        self.raw = raw
        raw.seek(0)
        header = read_header(raw)
        self.prefix = header.prefix
        self.start = raw.tell()
        self.aead = AESGCM(keys.unwrap(header.key_id, header.wrapped_key))
        body = sealed_size - self.start
        self.segments = max(1, -(-body // SEALED_SEGMENT))
        self.size = body - TAG * self.segments
        if self.size < 0:
            raise DamagedFile("truncated content")
        self.position = 0
        self._cached = (-1, b"")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def readinto(self, buffer) -> int:
        if self.position >= self.size:
            return 0
        number, offset = divmod(self.position, SEGMENT)
        plain = self._segment(number)[offset : offset + len(buffer)]
        buffer[: len(plain)] = plain
        self.position += len(plain)
        return len(plain)

    def _segment(self, number: int) -> bytes:
        if self._cached[0] == number:
            return self._cached[1]
        self.raw.seek(self.start + number * SEALED_SEGMENT)
        sealed = self.raw.read(SEALED_SEGMENT)
        last = number == self.segments - 1
        try:
            plain = self.aead.decrypt(_nonce(self.prefix, number, last), sealed, AAD)
        except Exception as error:  # cryptography's InvalidTag carries no message
            raise DamagedFile(f"segment {number} does not open with its key") from error
        self._cached = (number, plain)
        return plain

    def close(self) -> None:
        if not self.closed:
            self.raw.close()
        super().close()


def rewrapped_header(raw, keys) -> tuple[bytes, int]:
    """The header with the data key wrapped by the current master key, and where the
    segments begin in `raw`."""
    raw.seek(0)
    header = read_header(raw)
    data_key = keys.unwrap(header.key_id, header.wrapped_key)
    key_id, wrapped = keys.wrap(data_key)
    return Header(key_id, wrapped, header.prefix).to_bytes(), raw.tell()


def key_id_of(raw) -> str | None:
    """The master key a sealed file's data key is wrapped by; None for a plain file."""
    raw.seek(0)
    if not is_sealed(raw.read(len(MAGIC))):
        return None
    raw.seek(0)
    return read_header(raw).key_id
