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
from idara.dossiers.models import Dossier, Receipt
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.vault.storage import all_names

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(params=["disk", "object storage"])
def instance(request, settings, tmp_path, offered, citizen):
    """A commune with two dossiers filed, their files and receipts, and its audit log; its
    files on disk or in an S3 bucket."""
    settings.MEDIA_ROOT = tmp_path / "media"
    bucket = request.getfixturevalue("object_storage") if request.param != "disk" else None
    citizen.national_id = "AB123456"
    citizen.save()
    for _ in range(2):
        file_dossier(citizen, citizen, demolition_filing(offered))
    return tmp_path, bucket


def _stored_bytes() -> dict[str, bytes]:
    inner = storages["default"].inner
    return {name: inner.open(name, "rb").read() for name in all_names(inner)}


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
    if bucket:
        bucket.new_bucket()


def test_the_round_trip_restores_every_file_byte_for_byte(instance, settings):
    folder = instance[0]
    files, state = _stored_bytes(), _state()
    assert len(files) >= 4 and len(state["audit"]) > 5
    call_command("backup", folder / "idara.tar", stdout=io.StringIO())
    _empty_instance(settings, instance)
    assert not Dossier.objects.exists() and not AuditEntry.objects.exists()

    call_command("restore", folder / "idara.tar", stdout=io.StringIO())
    assert _stored_bytes() == files
    assert _state() == state
    call_command("verify_audit", stdout=io.StringIO())
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
