"""Whether an uploaded PDF could act when an agent opens it, or hides something else.

qpdf (through pikepdf) reads the file twice: as a viewer would, through its cross-reference
table (incremental updates and object streams included), and rebuilt from every object the
bytes hold, so that an object past an understated /Size, left out of the table or shadowed
by a later revision is read too. Every object, and every dictionary and array nested in it,
is searched for keys and actions that run code, launch programs, submit data or carry files.
Every stream is inflated within a bound (a flate bomb stops there), and a ZIP archive hidden
in the bytes (a polyglot) is refused.
"""

import base64
import binascii
import re
import shutil
import tempfile
import zipfile
import zlib
from contextlib import contextmanager

import pikepdf
from django.conf import settings
from django.utils.translation import gettext as _

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
    "/Hide",
    "/SetOCGState",
}
# A link may open a web page; a URI in any other scheme (javascript:, file:, data:) acts.
SAFE_URI = re.compile(r"\A\s*(https?://|mailto:)", re.IGNORECASE)
# A ZIP's local file header: signature, version needed, flags, method (stored or deflated).
ZIP_ENTRY = re.compile(rb"PK\x03\x04[\x0a-\x3f]\x00..[\x00\x08]\x00", re.DOTALL)
# A stream other than an image is text or a font: it does not grow a hundredfold.
STREAM_RATIO = 100
STREAM_FLOOR = 4 * 1024 * 1024
CHUNK = 1024 * 1024
PICTURE_CODECS = {"/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode"}


def _from_hex(data: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", data.split(b">", 1)[0])
    return binascii.unhexlify(digits + b"0" * (len(digits) % 2))


def _from_ascii85(data: bytes) -> bytes:
    data = data.strip()
    return base64.a85decode(data, adobe=data.endswith(b"~>"))


TEXT_CODECS = {"/ASCIIHexDecode": _from_hex, "/ASCII85Decode": _from_ascii85, "/FlateDecode": None}
XREF_OFFSET = re.compile(rb"startxref\s+(\d+)")
# Nesting deeper than this is no document: a trap for the reader.
MAX_DEPTH = 64


class UnsafePdf(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _Active(Exception):
    pass


class _Bomb(Exception):
    pass


def check(path: str) -> int:
    """The number of pages of the PDF at `path`; UnsafePdf if it could act or hides a file."""
    if _hides_an_archive(path):
        raise UnsafePdf(_("The file is not a plain PDF: it carries something else."))
    try:
        with pikepdf.open(path) as pdf:
            if pdf.is_encrypted:
                raise UnsafePdf(_("The PDF is protected by a password: send it without one."))
            pages = len(pdf.pages)
            _search(pdf)
        with _rebuilt(path) as rebuilt, pikepdf.open(rebuilt) as pdf:
            _search(pdf)
    except pikepdf.PasswordError as error:
        raise UnsafePdf(_("The PDF is protected by a password: send it without one.")) from error
    except _Active as error:
        raise UnsafePdf(
            _(
                "The PDF contains active content (a script, an action or an attached file). "
                "Print it again as a PDF and send that copy."
            )
        ) from error
    except _Bomb as error:
        raise UnsafePdf(
            _("The PDF holds more than it shows: print it again as a PDF and send that copy.")
        ) from error
    except (pikepdf.PdfError, ValueError, KeyError, TypeError, RecursionError) as error:
        raise UnsafePdf(_("The PDF is damaged and cannot be read.")) from error
    return pages


def _search(pdf: pikepdf.Pdf) -> None:
    inflated = 0
    for found in pdf.objects:
        _search_object(found, 0)
        if isinstance(found, pikepdf.Stream):
            inflated += _inflated_size(found)
            if inflated > settings.UPLOAD_MAX_PDF_INFLATED_MB * CHUNK:
                raise _Bomb
    _search_object(pdf.trailer, 0)


def _search_object(found, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise _Bomb
    if isinstance(found, pikepdf.Stream):
        found = found.stream_dict
    if isinstance(found, pikepdf.Dictionary):
        _judge(found)
        values = (found.get(key) for key in found.keys())
    elif isinstance(found, pikepdf.Array):
        values = iter(found)
    else:
        return
    for value in values:
        # What is indirect is an object of its own, searched in its turn.
        if isinstance(value, pikepdf.Object) and not value.is_indirect:
            _search_object(value, depth + 1)


def _judge(dictionary: pikepdf.Dictionary) -> None:
    keys = set(dictionary.keys())
    if keys & ACTIVE_KEYS:
        raise _Active
    action = dictionary.get("/S")
    if isinstance(action, pikepdf.Name) and str(action) in ACTIVE_ACTIONS:
        raise _Active
    if action == pikepdf.Name.URI and not SAFE_URI.match(str(dictionary.get("/URI", ""))):
        raise _Active
    opening = dictionary.get("/OpenAction")
    if opening is not None and not isinstance(opening, pikepdf.Array):
        _judge_opening(opening)


def _judge_opening(opening) -> None:
    """Opening on a page (an array) is plain; an action dictionary is judged as any action."""
    if isinstance(opening, pikepdf.Dictionary):
        _judge(opening)
        return
    raise _Active


def _inflated_size(stream: pikepdf.Stream) -> int:
    """How large the stream grows when read, refused past its bound without inflating it all."""
    filters = stream.stream_dict.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)]
    data = stream.read_raw_bytes()
    if filters is None:
        return len(data)
    limit = _bound(stream, len(data))
    for position, name in enumerate(names):
        if name in PICTURE_CODECS:  # a picture's size was bounded by _bound
            return len(data)
        if name not in TEXT_CODECS:
            break
        last = position == len(names) - 1
        if name == "/FlateDecode" and last:
            return _inflate_within(data, limit)
        data = _inflate(data, limit) if name == "/FlateDecode" else TEXT_CODECS[name](data)
    else:
        return len(data)
    # LZW and run-length: rare today, and qpdf decodes them for the count.
    decoded = len(stream.read_bytes(decode_level=pikepdf.StreamDecodeLevel.generalized))
    if decoded > limit:
        raise _Bomb
    return decoded


def _bound(stream: pikepdf.Stream, raw_size: int) -> int:
    if stream.stream_dict.get("/Subtype") == pikepdf.Name.Image:
        width, height, channels, bits = _check_picture(stream)
        return width * height * channels * bits // 8 + height + CHUNK
    return max(raw_size * STREAM_RATIO, STREAM_FLOOR)


def _check_picture(stream: pikepdf.Stream) -> tuple[int, int, int, int]:
    details = stream.stream_dict
    if details.get("/Subtype") != pikepdf.Name.Image:
        return 0, 0, 0, 0
    width, height = int(details.get("/Width", 0)), int(details.get("/Height", 0))
    if width < 0 or height < 0 or width * height > settings.UPLOAD_MAX_IMAGE_PIXELS:
        raise _Bomb
    bits = int(details.get("/BitsPerComponent", 8))
    return width, height, 4, max(bits, 1)


def _inflate_within(data: bytes, limit: int) -> int:
    return sum(len(piece) for piece in _inflated(data, limit))


def _inflate(data: bytes, limit: int) -> bytes:
    return b"".join(_inflated(data, limit))


def _inflated(data: bytes, limit: int):
    """The inflated bytes piece by piece, stopped once they pass `limit`."""
    inflater = zlib.decompressobj()
    size = 0
    try:
        while data and not inflater.eof:
            piece = inflater.decompress(data, CHUNK)
            size += len(piece)
            if size > limit:
                raise _Bomb
            yield piece
            data = inflater.unconsumed_tail
    except zlib.error:
        return  # a viewer draws what inflates before the damage


def _hides_an_archive(path: str) -> bool:
    if zipfile.is_zipfile(path):
        return True
    with open(path, "rb") as file:
        previous = b""
        while chunk := file.read(CHUNK):
            if ZIP_ENTRY.search(previous[-64:] + chunk):
                return True
            previous = chunk
    return False


@contextmanager
def _rebuilt(path: str):
    """A copy whose last cross-reference offset points nowhere, so that qpdf rebuilds the
    table from every `N 0 obj` in the bytes, as a forgiving viewer does."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as copy:
        with open(path, "rb") as original:
            shutil.copyfileobj(original, copy)
            original.seek(0, 2)
            size = original.tell()
            original.seek(max(size - 2048, 0))
            tail = original.read()
        found = list(XREF_OFFSET.finditer(tail))
        if found:
            digits = found[-1].span(1)
            copy.seek(max(size - 2048, 0) + digits[0])
            copy.write(b"0" * (digits[1] - digits[0]))
        copy.flush()
        yield copy.name
