"""Issue 7: "An upload interrupted at any byte resumes and ends with the same SHA-256 as the
original file." The tus protocol's core, creation and checksum extensions."""

import base64
import hashlib
import io
import json
from datetime import timedelta

import pytest
from django.utils import timezone

from idara.conftest import make_user
from idara.documents import resumable
from idara.documents.models import ResumableUpload
from idara.dossiers.tests.helpers import demolition_filing, pdf_bytes

pytestmark = pytest.mark.django_db
PLAN = pdf_bytes(bytes(range(256)) * 900)  # about 230 KB


@pytest.fixture(autouse=True)
def upload_dir(settings, tmp_path):
    settings.RESUMABLE_UPLOADS_DIR = tmp_path / "uploads"


class DroppedConnection(io.BytesIO):
    """A request body whose connection drops after `at` bytes."""

    def __init__(self, content: bytes, at: int):
        super().__init__(content)
        self.at = at

    def read(self, size=-1):
        if self.tell() >= self.at:
            raise OSError("connection reset by peer")
        return super().read(min(size, self.at - self.tell()) if size >= 0 else self.at)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@pytest.mark.parametrize("at", [0, 1, 4096, 65_536, 65_537, len(PLAN) // 2, len(PLAN) - 1])
def test_an_upload_dropped_at_any_byte_resumes_there(citizen, at):
    upload = resumable.start(citizen, len(PLAN), "plan.pdf")
    upload = resumable.append(upload, 0, DroppedConnection(PLAN, at))
    assert upload.offset == at and not upload.complete
    upload = resumable.append(upload, upload.offset, io.BytesIO(PLAN[at:]))
    assert upload.complete and upload.sha256 == sha256(PLAN)


def test_a_piece_must_start_where_the_last_one_stopped(citizen):
    upload = resumable.append(resumable.start(citizen, len(PLAN)), 0, io.BytesIO(PLAN[:1000]))
    for wrong in (0, 999, 1001):
        with pytest.raises(resumable.UploadError) as refused:
            resumable.append(upload, wrong, io.BytesIO(PLAN[wrong:]))
        assert refused.value.status == 409
    assert ResumableUpload.objects.get().offset == 1000


def test_a_piece_that_fails_its_checksum_is_dropped_whole(citizen):
    upload = resumable.start(citizen, len(PLAN))
    wrong = "sha256 " + base64.b64encode(hashlib.sha256(b"other").digest()).decode()
    with pytest.raises(resumable.UploadError) as refused:
        resumable.append(upload, 0, io.BytesIO(PLAN[:5000]), wrong)
    assert refused.value.status == 460
    assert ResumableUpload.objects.get().offset == 0


def test_a_file_that_is_not_the_one_announced_starts_again(citizen):
    upload = resumable.start(citizen, len(PLAN), "plan.pdf", sha256(b"another file"))
    with pytest.raises(resumable.UploadError):
        resumable.append(upload, 0, io.BytesIO(PLAN))
    upload.refresh_from_db()
    assert upload.offset == 0 and not upload.complete


def test_more_bytes_than_announced_are_refused(citizen):
    upload = resumable.start(citizen, 10)
    with pytest.raises(resumable.UploadError) as refused:
        resumable.append(upload, 0, io.BytesIO(b"x" * 11))
    assert refused.value.status == 413 and ResumableUpload.objects.get().offset == 0


def test_through_the_api_in_pieces_with_a_drop_then_filed(client, citizen, offered):
    client.force_login(citizen)
    created = client.post(
        "/api/v1/uploads",
        HTTP_TUS_RESUMABLE="1.0.0",
        HTTP_UPLOAD_LENGTH=str(len(PLAN)),
        HTTP_UPLOAD_METADATA="filename " + base64.b64encode(b"plan.pdf").decode(),
    )
    assert created.status_code == 201 and created["Tus-Resumable"] == "1.0.0"
    url = created["Location"]
    piece = PLAN[:100_000]
    sent = client.patch(
        url,
        piece,
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
        HTTP_UPLOAD_CHECKSUM="sha256 " + base64.b64encode(hashlib.sha256(piece).digest()).decode(),
    )
    assert sent.status_code == 204 and sent["Upload-Offset"] == "100000"
    assert client.head(url)["Upload-Offset"] == "100000"  # where to resume
    rest = client.patch(
        url,
        PLAN[100_000:],
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="100000",
    )
    assert rest.status_code == 204
    assert client.head(url)["Upload-SHA256"] == sha256(PLAN)

    filing = demolition_filing(offered)
    code = next(iter(filing.files))
    upload_id = url.rstrip("/").rsplit("/", 1)[-1]
    response = client.post(
        "/api/v1/dossiers",
        {
            "procedure": filing.procedure.slug,
            "collectivity": offered.code,
            "data": json.dumps(filing.data),
            "uploads": json.dumps({code: upload_id}),
        }
        | {c: f for c, f in filing.files.items() if c != code},
    )
    assert response.status_code == 201, response.content
    kept = citizen.dossiers.get().files.get(document_code=code)
    assert kept.sha256 == sha256(PLAN)


def test_someone_elses_upload_is_404_and_cannot_be_filed(client, citizen, offered):
    upload = resumable.start(citizen, len(PLAN))
    other = make_user("other@example.ma")
    client.force_login(other)
    url = f"/api/v1/uploads/{upload.pk}"
    assert client.head(url).status_code == 404
    assert (
        client.patch(
            url, b"x", content_type="application/offset+octet-stream", HTTP_UPLOAD_OFFSET="0"
        ).status_code
        == 404
    )
    assert client.delete(url).status_code == 404
    filing = demolition_filing(offered)
    code = next(iter(filing.files))
    response = client.post(
        "/api/v1/dossiers",
        {
            "procedure": filing.procedure.slug,
            "collectivity": offered.code,
            "data": json.dumps(filing.data),
            "uploads": json.dumps({code: str(upload.pk)}),
        },
    )
    assert response.status_code == 400 and code in response.json()["error"]["fields"]
    assert ResumableUpload.objects.get().offset == 0


def test_a_piece_of_the_wrong_kind_or_without_offset_is_refused(client, citizen):
    client.force_login(citizen)
    url = f"/api/v1/uploads/{resumable.start(citizen, 10).pk}"
    assert (
        client.patch(url, b"x", content_type="application/json", HTTP_UPLOAD_OFFSET="0").status_code
        == 415
    )
    assert (
        client.patch(url, b"x", content_type="application/offset+octet-stream").status_code == 400
    )
    too_big = client.post("/api/v1/uploads", HTTP_UPLOAD_LENGTH=str(10**12))
    assert too_big.status_code == 413 and too_big.json()["error"]["message"]


def test_abandoned_uploads_are_removed_after_a_week(citizen):
    old = resumable.start(citizen, 10)
    ResumableUpload.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    fresh = resumable.start(citizen, 10)
    assert resumable.remove_stale() == 1
    assert list(ResumableUpload.objects.all()) == [fresh]


def test_the_pieces_wait_on_disk_encrypted(citizen):
    upload = resumable.start(citizen, len(PLAN))
    resumable.append(upload, 0, io.BytesIO(PLAN[:100_000]))
    on_disk = (resumable._path(upload)).read_bytes()
    assert len(on_disk) == 100_000 and PLAN[1000:2000] not in on_disk
    upload = resumable.append(upload, 100_000, io.BytesIO(PLAN[100_000:]))
    assert upload.sha256 == hashlib.sha256(PLAN).hexdigest()
    assert resumable.completed_file(citizen, upload.pk).read() == PLAN


def _metadata(**values: str) -> str:
    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in values.items())


def _create(client, length: int, **metadata: str):
    return client.post(
        "/api/v1/uploads",
        HTTP_TUS_RESUMABLE="1.0.0",
        HTTP_UPLOAD_LENGTH=str(length),
        HTTP_UPLOAD_METADATA=_metadata(**metadata),
        HTTP_ACCEPT_LANGUAGE="ar",
    )


def test_a_file_over_the_documents_limit_is_refused_before_a_byte_is_sent(client, citizen):
    """Issue 25, item 3: a 30 MB file for a 10 MB field was sent whole, then refused."""
    client.force_login(citizen)
    refused = _create(
        client, 30 * 1024 * 1024, filename="plan.pdf", types="application/pdf", maxsize="10"
    )
    assert refused.status_code == 413
    assert (
        refused.json()["error"]["message"]
        == "حجم هذا الملف 30,0 ميغابايت: لا يقبل هنا أكثر من 10 ميغابايت."
    )
    assert not ResumableUpload.objects.exists()
    assert (
        _create(client, 9 * 1024 * 1024, types="application/pdf", maxsize="10").status_code == 201
    )


@pytest.mark.parametrize(
    "name, head", [("plan.pdf", b"MZ\x90\x00 an executable"), ("scan.png", PLAN[:100])]
)
def test_a_first_piece_of_another_kind_is_refused_at_once(client, citizen, name, head):
    """A renamed .exe, or a PDF named .png, was "received in full": it is refused at its first
    piece, and the upload stays at zero."""
    client.force_login(citizen)
    url = _create(client, 1_000_000, filename=name, types="application/pdf,image/png")["Location"]
    sent = client.patch(
        url,
        head + bytes(65_536 - len(head)),
        content_type="application/offset+octet-stream",
        HTTP_UPLOAD_OFFSET="0",
    )
    assert sent.status_code == 415
    assert client.head(url)["Upload-Offset"] == "0"


def test_a_first_piece_of_an_accepted_kind_goes_on(client, citizen):
    client.force_login(citizen)
    url = _create(client, len(PLAN), filename="plan.pdf", types="application/pdf")["Location"]
    sent = client.patch(
        url, PLAN, content_type="application/offset+octet-stream", HTTP_UPLOAD_OFFSET="0"
    )
    assert sent.status_code == 204 and client.head(url)["Upload-SHA256"] == sha256(PLAN)


def test_a_file_sent_with_a_refused_form_is_kept_whole(citizen):
    """Issue 25, item 2: the valid documents of a refused form are kept for the next sending."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    sent = SimpleUploadedFile("plan.pdf", PLAN, content_type="application/pdf")
    sent.read()  # the checks read it first
    kept = resumable.keep(citizen, sent)
    assert kept.complete and kept.sha256 == sha256(PLAN) and kept.filename == "plan.pdf"
    assert resumable.completed_file(citizen, kept.pk).read() == PLAN
