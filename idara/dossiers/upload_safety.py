"""What a file must not carry into Idara: a PDF's active content, an image's hidden payload.

PDFs are read object by object and refused if they hold scripts, launch actions, attached
files, rich media or forms that run code, or anything after their end (a polyglot). Images
are decoded (a decompression bomb stops there) and encoded again, which keeps the picture
and drops whatever else was in the file, metadata included (a phone photo's position).
"""

import io
import re

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, NameObject

# Keys whose presence anywhere in a PDF means content that acts on its own.
ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/Launch",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
    "/XFA",
    "/AA",
    "/GoToR",
    "/GoToE",
    "/SubmitForm",
    "/ImportData",
}
ACTIVE_ACTIONS = {
    "/JavaScript",
    "/Launch",
    "/GoToR",
    "/GoToE",
    "/SubmitForm",
    "/ImportData",
    "/RichMediaExecute",
    "/Rendition",
    "/Sound",
    "/Movie",
}
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
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise UnsafeFile(_("The PDF is protected by a password: send it without one."))
        pages = len(reader.pages)
        active = _first_active_content(reader)
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError) as error:
        if isinstance(error, UnsafeFile):
            raise
        raise UnsafeFile(_("The PDF is damaged and cannot be read.")) from error
    finally:
        upload.seek(0)
    if pages > settings.UPLOAD_MAX_PDF_PAGES:
        raise UnsafeFile(
            _("The PDF has more than %(n)s pages.") % {"n": settings.UPLOAD_MAX_PDF_PAGES}
        )
    if active:
        raise UnsafeFile(
            _(
                "The PDF contains active content (a script, an action or an attached file). "
                "Print it again as a PDF and send that copy."
            )
        )


def _check_pdf_edges(upload) -> None:
    upload.seek(0)
    head = upload.read(TAIL_WINDOW)
    upload.seek(max(upload.size - TAIL_WINDOW, 0))
    tail = upload.read()
    if _MARKUP.search(head) or not _TAIL.search(tail):
        raise UnsafeFile(_("The file is not a plain PDF: it carries something else."))


def _first_active_content(reader: PdfReader) -> str | None:
    for number in range(1, int(reader.trailer.get("/Size", 0))):
        try:
            found = reader.get_object(number)
        except (PdfReadError, ValueError, KeyError, OSError):
            continue
        key = _active_key(found)
        if key:
            return key
    return _active_key(reader.trailer["/Root"].get_object())


def _active_key(found) -> str | None:
    if not isinstance(found, DictionaryObject):
        return None
    for key in found:
        if key in ACTIVE_KEYS:
            return key
    action = found.get("/S")
    if isinstance(action, NameObject) and action in ACTIVE_ACTIONS:
        return action
    open_action = found.get("/OpenAction")
    if open_action is not None and not isinstance(open_action.get_object(), ArrayObject):
        return "/OpenAction"
    return None


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
