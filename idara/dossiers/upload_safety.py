"""What a file must not carry into Idara: a PDF's active content, an image's hidden payload.

PDFs are read by qpdf, every object and every nested dictionary (`pdf_safety`), and refused
if they hold scripts, launch actions, attached files, rich media or forms that run code, a
stream that inflates past reason, another format hidden inside or after their end. Images
are decoded (a decompression bomb stops there) and encoded again, which keeps the picture
and drops whatever else was in the file, metadata included (a phone photo's position).
"""

import io
import re
import shutil
import tempfile
from contextlib import contextmanager

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from idara.dossiers import pdf_safety

# After a PDF's last %%EOF only line ends (and the NULs some writers pad with) may follow.
_TAIL = re.compile(rb"%%EOF[\r\n\x00 \t]*\Z")
_MARKUP = re.compile(rb"<\s*(html|script|svg|iframe|body)\b", re.IGNORECASE)
TAIL_WINDOW = 2048


class UnsafeFile(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def check_pdf(upload) -> None:
    """Refuse a PDF that cannot be read, is too long, or could act when opened."""
    _check_pdf_edges(upload)
    try:
        with _on_disk(upload) as path:
            pages = pdf_safety.check(path)
    except pdf_safety.UnsafePdf as unsafe:
        raise UnsafeFile(unsafe.message) from unsafe
    if pages > settings.UPLOAD_MAX_PDF_PAGES:
        raise UnsafeFile(
            _("The PDF has more than %(n)s pages.") % {"n": settings.UPLOAD_MAX_PDF_PAGES}
        )


@contextmanager
def _on_disk(upload):
    """The upload's path: where Django spooled it, or a temporary copy of what it holds."""
    try:
        if hasattr(upload, "temporary_file_path"):
            yield upload.temporary_file_path()
            return
        with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
            upload.seek(0)
            shutil.copyfileobj(upload, copy)
            copy.flush()
            yield copy.name
    finally:
        upload.seek(0)


def _check_pdf_edges(upload) -> None:
    upload.seek(0)
    head = upload.read(TAIL_WINDOW)
    upload.seek(max(upload.size - TAIL_WINDOW, 0))
    tail = upload.read()
    if _MARKUP.search(head) or not _TAIL.search(tail):
        raise UnsafeFile(_("The file is not a plain PDF: it carries something else."))


IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}


def reencode_image(upload, content_type: str):
    """The picture alone, encoded again; refuse what does not decode or is too large."""
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.width * image.height > settings.UPLOAD_MAX_IMAGE_PIXELS:
                raise UnsafeFile(_("The image is too large: scan it at a lower resolution."))
            image.load()
            clean = _without_metadata(image, content_type)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise UnsafeFile(_("The image is damaged and cannot be read.")) from error
    out = io.BytesIO()
    if content_type == "image/jpeg":
        clean.save(out, "JPEG", quality=90, optimize=True)
    else:
        clean.save(out, "PNG", optimize=True)
    return SimpleUploadedFile(upload.name or "image", out.getvalue(), content_type)


def _without_metadata(image: Image.Image, content_type: str) -> Image.Image:
    modes = {"image/jpeg": ("RGB", "L"), "image/png": ("RGB", "RGBA", "L", "LA", "P")}
    mode = image.mode if image.mode in modes[content_type] else "RGB"
    clean = Image.new(mode, image.size)
    if mode == "P":
        clean.putpalette(image.getpalette())
    clean.paste(image.convert(mode) if image.mode != mode else image)
    return clean
