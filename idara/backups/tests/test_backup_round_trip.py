"""Issue 10: "`manage.py backup` writes the database and the files into one archive with a
manifest of SHA-256s; `manage.py restore` rebuilds an empty instance from it and verifies every
hash; a test does the round trip on PostgreSQL and on SQLite" (this test runs on both, as
`make test` does), "and the backup round trip restores a byte-identical set of files"."""

import io
import json
import tarfile

import pytest
from django.core.files.storage import storages
from django.core.management import CommandError, call_command

from idara.accounts.models import User
from idara.audit.models import AuditEntry
from idara.audit.national_key import make_national_key
from idara.audit.services import make_checkpoint
from idara.documents.signing import make_signing_key
from idara.dossiers.models import Dossier, Receipt
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.vault.storage import all_names

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["disk", "object storage"])
def instance(request, settings, tmp_path, offered, citizen):
    """A commune with two dossiers filed, their files and receipts, its signing key, and its
    audit log with a signed checkpoint; its files on disk or in an S3 bucket."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SIGNING_KEYS_DIR = tmp_path / "keys"
    settings.AUDIT_CHECKPOINTS_KEPT = tmp_path / "kept.jsonl"
    bucket = request.getfixturevalue("object_storage") if request.param != "disk" else None
    citizen.national_id = "AB123456"
    citizen.save()
    for _ in range(2):
        file_dossier(citizen, citizen, demolition_filing(offered))
    make_signing_key(offered)
    make_national_key()
    make_checkpoint()
    return tmp_path, bucket


def _stored_bytes() -> dict[str, bytes]:
    inner = storages["default"].inner
    return {name: inner.open(name, "rb").read() for name in all_names(inner)}


def _signing_keys(folder) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mode & 0o777) for p in folder.glob("*.pem")}


def _state() -> dict:
    return {
        "dossiers": sorted((d.reference, json.dumps(d.data)) for d in Dossier.objects.all()),
        "receipts": sorted(Receipt.objects.values_list("year", "number", "verification_code")),
        "audit": list(AuditEntry.objects.order_by("id").values_list("id", "hash")),
        "people": sorted(User.objects.values_list("email", "national_id_digest")),
    }


def _empty_instance(settings, instance) -> None:
    folder, bucket = instance
    call_command("flush", interactive=False, verbosity=0)
    settings.MEDIA_ROOT = folder / "new-media"
    settings.SIGNING_KEYS_DIR = folder / "new-keys"
    if bucket:
        bucket.new_bucket()


def test_the_round_trip_restores_every_file_byte_for_byte(instance, settings):
    folder = instance[0]
    files, state, signing_keys = _stored_bytes(), _state(), _signing_keys(folder / "keys")
    assert len(files) >= 4 and len(state["audit"]) > 5 and len(signing_keys) == 4
    call_command("backup", folder / "idara.tar", stdout=io.StringIO())
    _empty_instance(settings, instance)
    assert not Dossier.objects.exists() and not AuditEntry.objects.exists()

    call_command("restore", folder / "idara.tar", stdout=io.StringIO())
    assert _stored_bytes() == files
    assert _state() == state
    # The signing keys come back as they were, private halves readable by their owner only.
    restored_keys = _signing_keys(folder / "new-keys")
    assert restored_keys == signing_keys
    assert {mode for name, (_, mode) in restored_keys.items() if "key" in name} == {0o600}
    said = io.StringIO()
    call_command("verify_audit", stdout=said)
    assert "1 checkpoints hold" in said.getvalue()
    citizen = User.objects.get(national_id_digest__gt="")
    assert citizen.national_id == "AB123456"  # sealed values open with the same keys
    for dossier in Dossier.objects.all():
        for kept in dossier.files.all():
            assert kept.file.open("rb").read()  # and every file opens


def _changed(archive_path, member_name: str, out_path) -> None:
    with tarfile.open(archive_path) as source, tarfile.open(out_path, "w") as out:
        for info in source.getmembers():
            content = source.extractfile(info).read()
            if info.name == member_name:
                content = content[:-1] + bytes([content[-1] ^ 1])
            out.addfile(info, io.BytesIO(content))


def test_a_changed_archive_is_named_and_nothing_is_restored(instance, settings):
    folder = instance[0]
    call_command("backup", folder / "idara.tar", stdout=io.StringIO())
    with tarfile.open(folder / "idara.tar") as source:
        victim = next(n for n in source.getnames() if n.startswith("files/dossiers/"))
    _changed(folder / "idara.tar", victim, folder / "changed.tar")
    _empty_instance(settings, instance)
    with pytest.raises(CommandError, match=f"{victim}: its SHA-256 does not match"):
        call_command("restore", folder / "changed.tar", stdout=io.StringIO())
    assert not Dossier.objects.exists() and not _stored_bytes()


def test_restore_refuses_an_instance_that_is_not_empty(instance):
    folder = instance[0]
    call_command("backup", folder / "idara.tar", stdout=io.StringIO())
    before = _state()
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", folder / "idara.tar", stdout=io.StringIO())
    assert _state() == before
