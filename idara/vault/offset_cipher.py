"""AES-256-CTR for a file written in pieces at any offset (a resumable upload's bytes while
they arrive): any byte range is encrypted or read on its own. Its integrity is the upload's
SHA-256, checked when the last piece arrives; the file is sealed properly (`envelope`) when a
filing takes it."""

import base64
import io
import os

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 16


def new_key() -> str:
    """A data key and a nonce, as one text to keep (sealed) beside the upload."""
    return base64.urlsafe_b64encode(os.urandom(32 + 8)).decode()


class OffsetCipher:
    def __init__(self, key_text: str):
        raw = base64.urlsafe_b64decode(key_text)
        self.key, self.nonce = raw[:32], int.from_bytes(raw[32:], "big")

    def apply(self, data: bytes, offset: int) -> bytes:
        """Encrypt or decrypt `data` lying at `offset` (CTR is its own inverse)."""
        block, skip = divmod(offset, BLOCK)
        counter = ((self.nonce << 64) + block).to_bytes(BLOCK, "big")
        stream = Cipher(algorithms.AES(self.key), modes.CTR(counter)).encryptor()
        return stream.update(b"\0" * skip + data)[skip:]


class DecryptedReader(io.RawIOBase):
    """The plain bytes of a file encrypted with an OffsetCipher."""

    def __init__(self, raw, cipher: OffsetCipher):
        self.raw, self.cipher = raw, cipher

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def readinto(self, buffer) -> int:
        offset = self.raw.tell()
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = self.cipher.apply(data, offset)
        return len(data)

    def close(self) -> None:
        self.raw.close()
        super().close()
