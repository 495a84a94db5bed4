"""Checking an uploaded file against what the fiche accepts: its real type (by its first
bytes, not its name), its size, its safety (`upload_safety`, `virus_scan`), and computing
the SHA-256 of what is kept."""

import hashlib
import logging
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from idara.dossiers import upload_safety, virus_scan
from idara.text import listed

logger = logging.getLogger(__name__)

# The first bytes of each accepted type.
SIGNATURES = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
EXTENSIONS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
MB = 1024 * 1024


class UploadRefused(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    content_type: str
    sha256: str
    size: int


def sniff(head: bytes) -> str | None:
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(s) for s in signatures):
            return content_type
    return None


def check_upload(upload, accepted_types: list[str], max_size_mb: int) -> CheckedFile:
    """Refuse a file of a type or size the fiche does not accept, or whose content does not
    match its name; return its real type and SHA-256."""
    check_size(upload.size, max_size_mb)
    upload.seek(0)
    content_type = kind_of(upload.read(16), upload.name, accepted_types)
    upload = _made_safe(upload, content_type)
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(upload, content_type, digest.hexdigest(), upload.size)


def check_size(size: int, max_size_mb: int) -> None:
    if size > max_size_mb * MB:
        raise UploadRefused(
            _("This file is %(size)s MB: at most %(n)s MB are accepted here.")
            % {"size": number_format(size / MB, 1), "n": max_size_mb}
        )
    if size == 0:
        raise UploadRefused(_("The file is empty."))


def kind_of(head: bytes, name: str, accepted_types: list[str]) -> str:
    """The file's real type, read from its first bytes; refused when the fiche does not accept
    it, or when its name says another."""
    content_type = sniff(head)
    if content_type is None or content_type not in accepted_types:
        raise UploadRefused(
            _("This kind of file is not accepted here: send %(types)s.")
            % {"types": listed(EXTENSIONS[t].upper() for t in accepted_types if t in EXTENSIONS)}
        )
    claimed = (name or "").rsplit(".", 1)[-1].lower()
    if claimed in {"pdf", "jpg", "jpeg", "png"} and EXTENSIONS[content_type] != claimed.replace(
        "jpeg", "jpg"
    ):
        raise UploadRefused(_("The file's content does not match its name."))
    return content_type


def _made_safe(upload, content_type: str):
    """The file as Idara keeps it: a PDF without active content, an image encoded again,
    nothing a virus scanner objects to."""
    try:
        if content_type == "application/pdf":
            upload_safety.check_pdf(upload)
        else:
            upload = upload_safety.reencode_image(upload, content_type)
        found = virus_scan.infection(upload)
    except upload_safety.UnsafeFile as unsafe:
        raise UploadRefused(unsafe.message)
    except virus_scan.ScanFailed:
        logger.exception("the virus scanner did not answer")
        raise UploadRefused(
            _("The file could not be checked for viruses just now: try again in a few minutes.")
        )
    if found:
        logger.warning("virus scanner refused an upload: %s", found)
        raise UploadRefused(_("The virus scanner refused this file."))
    return upload
