"""Issue 21, F1: "a PDF is accepted only if a real parser finds no active content anywhere,
its streams inflate within a bound, and no other format hides in it. A corpus of hostile
PDFs made by the tests is refused, a corpus of ordinary ones is accepted."

Each hostile file below was accepted by the filter that read only the top-level keys of the
objects numbered below the trailer's /Size."""

import io
import zipfile
import zlib
from pathlib import Path

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from idara.dossiers.uploads import UploadRefused, check_upload

PDF = ["application/pdf"]
ORDINARY = Path(__file__).parent / "ordinary_pdfs"
ACTIVE = "active content"
SOMETHING_ELSE = "carries something else"
MORE_THAN_IT_SHOWS = "holds more than it shows"

PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s >>"


def raw_pdf(objects: list[bytes], *, size: int | None = None, trailer: bytes = b"") -> bytes:
    """A PDF written byte by byte: object 1 the catalogue, 2 the page tree, 3 the page; `size`
    may understate how many objects the cross-reference table lists."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    listed = size if size is not None else len(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % listed
    for offset in offsets[: listed - 1]:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (
        listed,
        trailer,
        xref,
    )
    return bytes(out)


def one_page(page_entries: bytes = b"", catalogue_entries: bytes = b"", more=()) -> bytes:
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R %s >>" % catalogue_entries,
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            PAGE % page_entries,
            *more,
        ]
    )


def annotation(action: bytes) -> bytes:
    return b"/Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 100 100] /A %s >>]" % action


def stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n%s\nendstream" % (len(data), entries, data)


def past_the_size() -> bytes:
    """A link whose action is object 4, which the table leaves out by saying /Size 4."""
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            PAGE % annotation(b"4 0 R"),
            b"<< /S /JavaScript /JS (app.alert(1)) >>",
        ],
        size=4,
    )


def incremental_update() -> bytes:
    """A plain PDF, then a second revision that makes its catalogue run a script."""
    first = one_page()
    xref = len(first)
    update = (
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>\nendobj\n"
        b"4 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n"
    )
    at_1, at_4 = xref, xref + update.index(b"4 0 obj")
    table = len(first) + len(update)
    start = first.rindex(b"startxref\n") + len(b"startxref\n")
    previous = int(first[start:].split(b"\n")[0])
    return (
        first
        + update
        + (
            b"xref\n0 2\n0000000000 65535 f \n%010d 00000 n \n4 1\n%010d 00000 n \n"
            b"trailer\n<< /Size 5 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
            % (at_1, at_4, previous, table)
        )
    )


def in_an_object_stream() -> bytes:
    """The script inside a compressed object stream, where no `obj` keyword shows it."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    script = pdf.make_indirect(
        pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
    )
    pdf.Root.OpenAction = script
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return out.getvalue()


def zip_with_a_program() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("setup.exe", b"MZ\x90\x00" + b"\x00" * 60)
    return out.getvalue()


def flate_bomb() -> bytes:
    """204 KB that inflate to 200 MB when the page is drawn."""
    squeezed = zlib.compress(b"\x00" * (200 * 1024 * 1024), 9)
    return one_page(b"/Contents 4 0 R", more=[stream(squeezed, b"/Filter /FlateDecode")])


def deep_nesting() -> bytes:
    return one_page(b"/Trap " + b"[" * 5000 + b"]" * 5000)


def huge_picture() -> bytes:
    picture = stream(
        zlib.compress(b"\xff" * 1000),
        b"/Type /XObject /Subtype /Image /Width 100000 /Height 100000 "
        b"/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode",
    )
    return one_page(b"/Resources << /XObject << /Im0 4 0 R >> >>", more=[picture])


JS = b"<< /S /JavaScript /JS (app.alert(1)) >>"
HOSTILE = {
    "a link annotation running a script": (one_page(annotation(JS)), ACTIVE),
    "a launch action in an annotation": (
        one_page(annotation(b"<< /S /Launch /F (cmd.exe) >>")),
        ACTIVE,
    ),
    "a script name tree inline in /Names": (
        one_page(catalogue_entries=b"/Names << /JavaScript << /Names [(x) %s] >> >>" % JS),
        ACTIVE,
    ),
    "a script in an object past an understated /Size": (past_the_size(), ACTIVE),
    "a script added by an incremental update": (incremental_update(), ACTIVE),
    "a script in a compressed object stream": (in_an_object_stream(), ACTIVE),
    "a script under a hex-escaped name": (
        one_page(annotation(b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>")),
        ACTIVE,
    ),
    "a page's additional actions": (one_page(b"/AA << /O %s >>" % JS), ACTIVE),
    "a javascript: link": (
        one_page(annotation(b"<< /S /URI /URI (javascript:alert(1)) >>")),
        ACTIVE,
    ),
    "an XFA form": (
        one_page(
            catalogue_entries=b"/AcroForm << /Fields [] /XFA 4 0 R >>", more=[stream(b"<xdp/>")]
        ),
        ACTIVE,
    ),
    "a ZIP with a program inside (polyglot)": (
        one_page(more=[stream(zip_with_a_program())]),
        SOMETHING_ELSE,
    ),
    "a flate bomb": (flate_bomb(), MORE_THAN_IT_SHOWS),
    "a picture of ten billion pixels": (huge_picture(), MORE_THAN_IT_SHOWS),
}


@pytest.mark.parametrize("what", HOSTILE)
def test_a_hostile_pdf_is_refused_with_a_clear_message(what):
    content, message = HOSTILE[what]
    with pytest.raises(UploadRefused, match=message):
        check_upload(SimpleUploadedFile("plan.pdf", content), PDF, 10)


def test_a_pdf_nested_past_reason_is_refused():
    with pytest.raises(UploadRefused):
        check_upload(SimpleUploadedFile("plan.pdf", deep_nesting()), PDF, 10)


def test_each_hostile_pdf_is_a_pdf_a_reader_opens():
    """The corpus tests the filter, not the reader: qpdf reads every file of it."""
    for what, (content, _message) in HOSTILE.items():
        with pikepdf.open(io.BytesIO(content)) as pdf:
            assert len(pdf.pages) == 1, what


def phone_camera_pdf() -> bytes:
    """What a phone's scanner app writes: one JPEG per page."""
    pages = [Image.new("RGB", (1240, 1754), (250, 248, 240)) for _ in range(3)]
    out = io.BytesIO()
    pages[0].save(out, "PDF", resolution=150, save_all=True, append_images=pages[1:])
    return out.getvalue()


def blank_flate_scan() -> bytes:
    """A white A4 page scanned at 300 dpi and kept lossless: 26 MB in 26 KB, a ratio no text
    stream reaches, honest for a picture of its declared size."""
    width, height = 2480, 3508
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    picture = pikepdf.Stream(pdf, zlib.compress(b"\xff" * (width * height * 3), 9))
    picture.Type, picture.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    picture.Width, picture.Height, picture.BitsPerComponent = width, height, 8
    picture.ColorSpace, picture.Filter = pikepdf.Name.DeviceRGB, pikepdf.Name.FlateDecode
    page = pdf.pages[0]
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=picture))
    page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def word_like_export() -> bytes:
    """What an office suite writes: tagged, with bookmarks that go to pages, a web link, a
    table of contents link and its metadata."""
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page()
    first, second = pdf.pages[0], pdf.pages[1]
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String("fr-MA")
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot)
    )
    pdf.Root.OpenAction = pikepdf.Array([first.obj, pikepdf.Name.Fit])
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Plan", 1))
    first.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[0, 0, 100, 20],
                    A=pikepdf.Dictionary(
                        S=pikepdf.Name.URI, URI=pikepdf.String("https://www.idara.ma")
                    ),
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[0, 30, 100, 50],
                    A=pikepdf.Dictionary(S=pikepdf.Name.GoTo, D=[second.obj, pikepdf.Name.Fit]),
                ),
            ]
        )
    )
    with pdf.open_metadata() as meta:
        meta["dc:title"] = "Demande de permis"
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


ORDINARY_MADE = {
    "a phone camera PDF of three pages": phone_camera_pdf,
    "a lossless scan of a white page": blank_flate_scan,
    "an office suite's export, tagged, with links and bookmarks": word_like_export,
}


@pytest.mark.parametrize("what", ORDINARY_MADE)
def test_an_ordinary_pdf_is_accepted_byte_for_byte(what):
    content = ORDINARY_MADE[what]()
    checked = check_upload(SimpleUploadedFile("plan.pdf", content), PDF, 30)
    assert checked.upload.read() == content


@pytest.mark.parametrize("path", sorted(ORDINARY.glob("*.pdf")), ids=lambda path: path.name)
def test_pdfs_written_by_common_software_are_accepted(path):
    """Files written by LibreOffice and other software (ordinary_pdfs/README.md)."""
    content = path.read_bytes()
    assert check_upload(SimpleUploadedFile(path.name, content), PDF, 30).upload.read() == content


@pytest.mark.django_db
def test_documents_idara_draws_and_signs_are_accepted(offered, citizen):
    """WeasyPrint's receipt, and the same signed as another administration signs its acts (an
    incremental update with a signature field): a citizen may send either back."""
    from idara.documents.signing import make_signing_key, sign_pdf
    from idara.dossiers.receipts import receipt_pdf
    from idara.dossiers.services import file_dossier
    from idara.dossiers.tests.helpers import demolition_filing

    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    drawn = receipt_pdf(dossier.receipt)
    make_signing_key(dossier.collectivity)
    for content in (drawn, sign_pdf(drawn, dossier.collectivity)):
        checked = check_upload(SimpleUploadedFile("receipt.pdf", content), PDF, 10)
        assert checked.upload.read() == content
