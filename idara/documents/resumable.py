"""Resumable uploads (the tus protocol's core, creation and checksum): a file is sent in pieces
at known offsets, each piece stored as it arrives, so a connection dropped at any byte resumes
from the last byte stored. The finished file's SHA-256 is the original's. The bytes wait on
disk encrypted with a key of the upload's own (`idara.vault.offset_cipher`)."""

import base64
import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from idara.documents.models import ResumableUpload
from idara.dossiers.uploads import MB, UploadRefused, check_size, kind_of
from idara.vault import offset_cipher

PIECE = 64 * 1024


@dataclass(frozen=True)
class Accepted:
    """What a document's field accepts, as its page says: content types, and MB at most."""

    types: list[str]
    max_size_mb: int | None = None


class UploadError(Exception):
    """A refused piece; `status` is the HTTP status the tus protocol gives it."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def _path(upload: ResumableUpload) -> Path:
    return Path(settings.RESUMABLE_UPLOADS_DIR) / f"{upload.pk}.part"


def start(
    owner, length, filename: str = "", expected_sha256: str = "", accepted: Accepted | None = None
) -> ResumableUpload:
    """Begin an upload of `length` bytes; with what its field `accepted`, a file too large is
    refused here, before any byte is sent."""
    most = settings.RESUMABLE_UPLOAD_MAX_MB * MB
    if not isinstance(length, int) or not 0 < length <= most:
        raise UploadError(
            _("Give the file's size in bytes: at most %(n)s MB.")
            % {"n": settings.RESUMABLE_UPLOAD_MAX_MB},
            413 if isinstance(length, int) and length > most else 400,
        )
    if accepted and accepted.max_size_mb:
        try:
            check_size(length, accepted.max_size_mb)
        except UploadRefused as refused:
            raise UploadError(refused.message, 413)
    upload = ResumableUpload.objects.create(
        owner=owner,
        length=length,
        filename=(filename or "document")[:120],
        expected_sha256=expected_sha256.lower()[:64],
        accepted_types=(accepted.types or None) if accepted else None,
        data_key=offset_cipher.new_key(),
    )
    _path(upload).parent.mkdir(parents=True, exist_ok=True)
    _path(upload).touch()
    return upload


def upload_of(owner, upload_id) -> ResumableUpload:
    """Raises ResumableUpload.DoesNotExist for anyone but its owner."""
    if not owner.is_authenticated:
        raise ResumableUpload.DoesNotExist
    try:
        upload_id = uuid.UUID(str(upload_id))
    except ValueError:
        raise ResumableUpload.DoesNotExist from None
    return ResumableUpload.objects.get(pk=upload_id, owner=owner)


def append(upload: ResumableUpload, offset: int, stream, checksum: str = "") -> ResumableUpload:
    """Store the piece read from `stream` at `offset`. Without a checksum, what arrived before
    a dropped connection is kept; with one, the piece is kept whole or not at all."""
    with transaction.atomic():
        upload = ResumableUpload.objects.select_for_update().get(pk=upload.pk)
        if upload.complete:
            raise UploadError(_("This upload is already complete."), 409)
        if offset != upload.offset:
            raise UploadError(_("The piece must start at the offset stored."), 409)
        expected = _expected_digest(checksum)
        received, digest = _write(upload, offset, stream, upload.length - offset)
        if expected is not None and digest != expected:
            _truncate(upload, offset)
            raise UploadError(_("The piece does not match its checksum: send it again."), 460)
        upload.offset = offset + received
        if offset == 0 and received:
            _check_kind(upload)
        differs = upload.offset == upload.length and not _finish(upload)
        upload.save()
    if differs:
        raise UploadError(_("The file received differs from the original: send it again."), 460)
    return upload


def _check_kind(upload: ResumableUpload) -> None:
    """The first piece's first bytes say what the file is: one its field does not accept is
    refused now, and given up, rather than after the whole file has been sent."""
    if not upload.accepted_types:
        return
    with _opened(upload) as f:
        head = f.read(16)
    try:
        kind_of(head, upload.filename, upload.accepted_types)
    except UploadRefused as refused:
        _truncate(upload, 0)
        raise UploadError(refused.message, 415)


def _expected_digest(checksum: str) -> bytes | None:
    if not checksum:
        return None
    algorithm, _sep, value = checksum.partition(" ")
    if algorithm.lower() != "sha256":
        raise UploadError(_("Checksums are SHA-256."), 400)
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        raise UploadError(_("The checksum is not valid base64."), 400)


def _write(upload, offset: int, stream, room: int) -> tuple[int, bytes]:
    """Write what the stream gives, up to `room` bytes, flushing as it goes."""
    digest, received, dropped = hashlib.sha256(), 0, False
    with open(_path(upload), "r+b") as f:
        f.seek(offset)
        f.truncate()
        try:
            while received < room:
                piece = stream.read(min(PIECE, room - received))
                if not piece:
                    break
                f.write(
                    _cipher(upload).apply(piece, offset + received) if upload.data_key else piece
                )
                f.flush()
                digest.update(piece)
                received += len(piece)
        except OSError:
            dropped = True  # the connection dropped: keep what arrived
        if not dropped and received == room and stream.read(1):
            f.truncate(offset)
            raise UploadError(_("The piece goes past the file's size."), 413)
    return received, digest.digest()


def _truncate(upload, offset: int) -> None:
    with open(_path(upload), "r+b") as f:
        f.truncate(offset)


def _finish(upload: ResumableUpload) -> bool:
    """Complete the upload; False (and back to zero) if it is not the file announced."""
    digest = hashlib.sha256()
    with _opened(upload) as f:
        for piece in iter(lambda: f.read(MB), b""):
            digest.update(piece)
    if upload.expected_sha256 and digest.hexdigest() != upload.expected_sha256:
        _truncate(upload, 0)
        upload.offset = 0
        upload.data_key = offset_cipher.new_key()  # other bytes: never the same key stream
        return False
    upload.sha256, upload.completed_at = digest.hexdigest(), timezone.now()
    return True


def keep(owner, file) -> ResumableUpload:
    """A file sent with a form refused for something else, kept as a finished upload that the
    page sent again names, so a valid document is never lost to another field's error."""
    file.seek(0)
    return append(start(owner, file.size, file.name), 0, file)


def cancel(upload: ResumableUpload) -> None:
    _path(upload).unlink(missing_ok=True)
    upload.delete()


def completed_file(owner, upload_id) -> File:
    """A finished upload as a file a filing takes, like one sent in a form."""
    try:
        upload = upload_of(owner, upload_id)
    except ResumableUpload.DoesNotExist:
        raise PermissionDenied(_("No upload of yours has this id."))
    if not upload.complete:
        raise PermissionDenied(_("This upload is not complete yet: send the rest first."))
    return File(_opened(upload), name=upload.filename)


def _cipher(upload: ResumableUpload) -> offset_cipher.OffsetCipher:
    return offset_cipher.OffsetCipher(upload.data_key)


def _opened(upload: ResumableUpload):
    """The upload's plain bytes (an upload begun before encryption has no key: as stored)."""
    raw = open(_path(upload), "rb")  # the reader closes it
    if not upload.data_key:
        return raw
    return io.BufferedReader(offset_cipher.DecryptedReader(raw, _cipher(upload)))


KEPT_DAYS = 7


def remove_stale(now=None) -> int:
    """Uploads untouched for a week (abandoned, or taken by a filing long ago) are removed."""
    since = (now or timezone.now()) - timedelta(days=KEPT_DAYS)
    stale = list(ResumableUpload.objects.filter(created_at__lt=since))
    for upload in stale:
        cancel(upload)
    return len(stale)
