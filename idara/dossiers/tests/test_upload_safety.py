"""Issue 10: "PDFs checked for active content (JavaScript, launch actions, embedded files) and
refused or cleaned, images re-encoded, archives and bombs refused, file names never trusted;
a virus-scanner hook (ClamAV where installed)." Each hostile file is refused with a clear
message and nothing is stored."""

import io
import socket
import struct
import threading
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from idara.dossiers.models import Dossier, DossierFile
from idara.dossiers.services import FilingRefused, file_dossier
from idara.dossiers.tests.helpers import demolition_filing, image_bytes, pdf_bytes
from idara.dossiers.uploads import UploadRefused, check_upload

pytestmark = pytest.mark.django_db
PDF = ["application/pdf"]
IMAGES = ["image/jpeg", "image/png"]


def _written(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _pdf_with(change) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    change(writer)
    return _written(writer)


def _open_action(kind: str, **entries):
    def change(writer):
        action = DictionaryObject({NameObject("/S"): NameObject(kind)})
        for key, value in entries.items():
            action[NameObject(f"/{key}")] = TextStringObject(value)
        writer._root_object[NameObject("/OpenAction")] = action

    return change


def _named_script(writer):
    script = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hello');"),
        }
    )
    tree = DictionaryObject(
        {NameObject("/Names"): ArrayObject([TextStringObject("hello"), writer._add_object(script)])}
    )
    writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): tree})


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


HOSTILE_PDFS = {
    "a document-level script": (
        _pdf_with(_named_script),
        "active content",
    ),
    "a script run on opening": (
        _pdf_with(_open_action("/JavaScript", JS="app.launchURL('http://x');")),
        "active content",
    ),
    "a launch action": (_pdf_with(_open_action("/Launch", F="cmd.exe")), "active content"),
    "an attached file": (
        _pdf_with(lambda w: w.add_attachment("invoice.exe", b"MZ\x90\x00")),
        "active content",
    ),
    "a ZIP archive appended (polyglot)": (pdf_bytes() + _zip(), "carries something else"),
    "HTML at its start (polyglot)": (
        b"%PDF-1.4\n<html><script>alert(1)</script>\n" + pdf_bytes()[9:],
        "carries something else",
    ),
    "a password": (_pdf_with(lambda w: w.encrypt("secret")), "password"),
    "a broken body": (b"%PDF-1.4\nnot a pdf at all\n%%EOF\n", "damaged"),
}


@pytest.mark.parametrize("what", HOSTILE_PDFS)
def test_a_pdf_that_could_act_or_hide_something_is_refused_and_nothing_stored(
    offered, citizen, what
):
    content, message = HOSTILE_PDFS[what]
    filing = demolition_filing(offered)
    code = next(iter(filing.files))
    filing.files[code] = SimpleUploadedFile("plan.pdf", content, "application/pdf")
    with pytest.raises(FilingRefused) as refused:
        file_dossier(citizen, citizen, filing)
    assert any(message in m for m in refused.value.errors[code]), refused.value.errors
    assert not Dossier.objects.exists() and not DossierFile.objects.exists()


def test_a_plain_pdf_is_kept_byte_for_byte(offered, citizen):
    filing = demolition_filing(offered)
    sent = {code: upload.read() for code, upload in filing.files.items()}
    dossier, _created = file_dossier(citizen, citizen, filing)
    assert dossier.files.count() == len(sent)
    for kept in dossier.files.all():
        assert kept.file.open("rb").read() == sent[kept.document_code]


def test_a_pdf_longer_than_the_limit_is_refused(settings):
    settings.UPLOAD_MAX_PDF_PAGES = 2
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(595, 842)
    with pytest.raises(UploadRefused, match="more than 2 pages"):
        check_upload(SimpleUploadedFile("a.pdf", _written(writer)), PDF, 10)


def test_an_image_is_encoded_again_without_what_it_hid():
    photo = io.BytesIO()
    exif = Image.Exif()
    exif[0x8825] = {2: (33.0, 35.0, 0.0)}  # a GPS position: where the citizen lives
    Image.new("RGB", (60, 40), (10, 120, 200)).save(photo, "JPEG", exif=exif)
    sent = photo.getvalue() + _zip()
    checked = check_upload(SimpleUploadedFile("id.jpg", sent), IMAGES, 10)
    kept = checked.upload.read()
    assert b"PK\x03\x04" not in kept and b"Exif" not in kept
    with Image.open(io.BytesIO(kept)) as image:
        assert image.size == (60, 40) and image.format == "JPEG"
    assert checked.size == len(kept)


def test_a_decompression_bomb_is_refused(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1_000_000
    bomb = image_bytes("PNG", size=(4000, 4000))  # a few KB that decode to 48 MB
    assert len(bomb) < 100_000
    with pytest.raises(UploadRefused, match="too large"):
        check_upload(SimpleUploadedFile("scan.png", bomb), IMAGES, 10)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "damaged"),
        ("archive.pdf", _zip(), "not accepted"),
        ("../../etc/passwd.png", image_bytes("PNG"), None),
    ],
)
def test_files_are_judged_by_content_never_by_name(name, content, message):
    upload = SimpleUploadedFile(name, content)
    if message:
        with pytest.raises(UploadRefused, match=message):
            check_upload(upload, [*PDF, *IMAGES], 10)
    else:
        assert check_upload(upload, IMAGES, 10).content_type == "image/png"


EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


@pytest.fixture
def clamd(settings, tmp_path):
    """A stand-in for ClamAV's daemon on a Unix socket, speaking its INSTREAM protocol: it
    finds the EICAR test signature and nothing else."""
    path = str(tmp_path / "clamd.sock")
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen()
    received = []

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                data = _read_stream(conn)
                received.append(data)
                found = b"Eicar-Test-Signature FOUND" if EICAR in data else b"OK"
                conn.sendall(b"stream: " + found + b"\0")

    threading.Thread(target=serve, daemon=True).start()
    settings.CLAMD_SOCKET = path
    yield received
    server.close()


def _read_stream(conn) -> bytes:
    assert conn.recv(10) == b"zINSTREAM\0"
    data = b""
    while True:
        (size,) = struct.unpack("!L", _exactly(conn, 4))
        if size == 0:
            return data
        data += _exactly(conn, size)


def _exactly(conn, n: int) -> bytes:
    out = b""
    while len(out) < n:
        out += conn.recv(n - len(out))
    return out


def test_the_virus_scanner_sees_every_file_and_its_verdict_stands(clamd):
    clean = pdf_bytes(b"a clean scan")
    assert check_upload(SimpleUploadedFile("a.pdf", clean), PDF, 10).content_type
    assert clamd == [clean]
    infected = pdf_bytes(EICAR)
    with pytest.raises(UploadRefused, match="virus scanner refused"):
        check_upload(SimpleUploadedFile("b.pdf", infected), PDF, 10)


def test_a_scanner_that_does_not_answer_refuses_the_file(settings, tmp_path):
    settings.CLAMD_SOCKET = str(tmp_path / "nobody-listens.sock")
    with pytest.raises(UploadRefused, match="could not be checked for viruses"):
        check_upload(SimpleUploadedFile("a.pdf", pdf_bytes()), PDF, 10)
