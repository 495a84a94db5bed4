"""A storage that encrypts every file it keeps, over any other storage (local disk, S3).

Django's FileFields save and open through it unchanged; the bytes below are sealed
(`envelope`). A file stored in clear before encryption was switched on opens only while
`VAULT_READ_CLEAR_FILES` is on (else anyone able to write to the storage could slip a file in
clear in place of a sealed one); `manage.py rotate_keys` seals it.
"""

import io
import os
import tempfile

from django.conf import settings
from django.core.files import File
from django.core.files.storage import Storage, storages
from django.utils.deconstruct import deconstructible
from django.utils.module_loading import import_string

from idara.vault import envelope, keys

SPOOL_BYTES = 8 * 1024 * 1024


@deconstructible(path="idara.vault.storage.EncryptedStorage")
class EncryptedStorage(Storage):
    def __init__(self, backend: str = "django.core.files.storage.FileSystemStorage", **options):
        self.inner = import_string(backend)(**options)

    # Writing: sealed into a temporary file, then handed to the storage below.
    def _save(self, name, content):
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as sealed:
            content.seek(0)
            envelope.seal(content.chunks(), sealed, keys.provider())
            sealed.seek(0)
            return self.inner.save(name, File(sealed, name=name))

    def _open(self, name, mode="rb"):
        if "w" in mode or "a" in mode:
            raise ValueError("encrypted files are written with save(), never opened to write")
        raw = self.inner.open(name, "rb")
        if not envelope.is_sealed(raw.read(len(envelope.MAGIC))):
            raw.seek(0)
            if settings.VAULT_READ_CLEAR_FILES:
                return raw
            raw.close()
            raise envelope.DamagedFile(f"{name} is not encrypted")
        opened = envelope.OpenedFile(raw, keys.provider(), self.inner.size(name))
        return File(io.BufferedReader(opened, buffer_size=envelope.SEGMENT), name=name)

    def size(self, name):
        with self.open(name) as opened:
            return opened.seek(0, io.SEEK_END)

    def replace_sealed(self, name: str, header: bytes, raw, body_start: int) -> None:
        """Write a new header before the same segments (re-wrapping), atomically on disk."""
        if path := self._local_path(name):
            fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path))
            with os.fdopen(fd, "wb") as out:
                _copy(header, raw, body_start, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
            return
        # An object store replaces an object by one PUT: readers see the old or the new one.
        # save() would pick another name, so the backend's own write is called under this one.
        with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as out:
            _copy(header, raw, body_start, out)
            out.seek(0)
            self.inner._save(name, File(out, name=name))

    def _local_path(self, name: str) -> str | None:
        try:
            return self.inner.path(name)
        except NotImplementedError:  # an object store: no path on this machine
            return None

    def reseal(self, name: str) -> None:
        """Encrypt a file kept in clear before encryption was on, under the same name."""
        with self.inner.open(name, "rb") as plain:
            content = File(io.BytesIO(plain.read()), name=name)
        self.inner.delete(name)
        saved = self._save(name, content)
        if saved != name:
            raise RuntimeError(f"{name} was saved as {saved}")

    # Everything else is the storage below's.
    def delete(self, name):
        return self.inner.delete(name)

    def exists(self, name):
        return self.inner.exists(name)

    def listdir(self, path):
        return self.inner.listdir(path)

    def get_available_name(self, name, max_length=None):
        return self.inner.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.inner.generate_filename(filename)

    def get_modified_time(self, name):
        return self.inner.get_modified_time(name)

    def get_created_time(self, name):
        return self.inner.get_created_time(name)

    def url(self, name):
        raise NotImplementedError("encrypted files are served by Idara's views, never by URL")


def _copy(header: bytes, raw, body_start: int, out) -> None:
    out.write(header)
    raw.seek(body_start)
    while chunk := raw.read(envelope.SEALED_SEGMENT):
        out.write(chunk)


def all_names(storage, path: str = ""):
    """Every file's name under `path`, walking the folders; none in a storage not yet made
    (a new instance on disk has no folder until its first file)."""
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for folder in folders:
        yield from all_names(storage, f"{path}/{folder}" if path else folder)


def default_storage_is_encrypted() -> bool:
    return isinstance(storages["default"], EncryptedStorage)
