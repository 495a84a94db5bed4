"""Issue 10: "Encryption at rest of every stored file and of the personal fields the data
inventory lists: AES-GCM with a data key per file wrapped by a master key from the environment
or a KMS, key rotation by a management command that re-wraps without downtime."""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import CommandError, call_command
from django.db import connection

from idara.accounts.services import create_user
from idara.dossiers.models import Dossier
from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.vault import envelope, keys
from idara.vault.fields import key_id_of
from idara.vault.keys import new_key_entry

OLD, NEW = new_key_entry("old"), new_key_entry("new")


@pytest.fixture(autouse=True, params=["disk", "object storage"])
def media(request, settings, tmp_path):
    """A storage of the test's own, on disk or an S3 bucket: rotation walks every file in it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.param != "disk":
        request.getfixturevalue("object_storage")


@pytest.fixture
def master_keys(settings):
    def use(listing: str):
        settings.MASTER_KEYS = listing
        keys.reset()

    use(OLD)
    yield use
    keys.reset()


@pytest.fixture
def storage(master_keys):
    storage = storages["default"]
    saved = []

    def save(content: bytes) -> str:
        saved.append(storage.save("vault-test/f.bin", ContentFile(content)))
        return saved[-1]

    yield save
    for name in saved:
        storage.delete(name)


def _raw(name: str) -> bytes:
    with storages["default"].inner.open(name, "rb") as raw:
        return raw.read()


def test_a_stored_file_is_unreadable_below_and_whole_above(storage):
    plan = os.urandom(3 * envelope.SEGMENT + 1234)
    name = storage(plan)
    raw = _raw(name)
    assert plan[:4096] not in raw and raw.startswith(b"IDARAENC")
    opened = storages["default"].open(name)
    assert opened.read() == plan
    opened.seek(2 * envelope.SEGMENT - 10)  # across a segment's end, as a PDF reader seeks
    assert opened.read(20) == plan[2 * envelope.SEGMENT - 10 : 2 * envelope.SEGMENT + 10]
    assert storages["default"].size(name) == len(plan)


def _overwrite(name: str, raw: bytes) -> None:
    """Someone with access to the storage below changes the sealed bytes."""
    storages["default"].inner.delete(name)
    assert storages["default"].inner.save(name, ContentFile(raw)) == name


@pytest.mark.parametrize(
    "spoil",
    [
        lambda raw: raw[:-1],  # the last byte cut off
        lambda raw: raw[: -(envelope.TAG + 100)],  # the last segment cut off mid-way
        lambda raw: raw[:200] + bytes([raw[200] ^ 1]) + raw[201:],  # one bit changed
    ],
)
def test_a_changed_or_truncated_file_does_not_open(storage, spoil):
    name = storage(os.urandom(2 * envelope.SEGMENT + 10))
    _overwrite(name, spoil(_raw(name)))
    with pytest.raises(envelope.DamagedFile):
        storages["default"].open(name).read()


def test_a_file_in_clear_opens_only_while_the_switch_to_encryption_lasts(storage, settings):
    name = storages["default"].inner.save("vault-test/old.txt", ContentFile(b"kept in clear"))
    with pytest.raises(envelope.DamagedFile):  # else one could put a file in clear in its place
        storages["default"].open(name)
    settings.VAULT_READ_CLEAR_FILES = True
    assert storages["default"].open(name).read() == b"kept in clear"


@pytest.mark.django_db
def test_personal_fields_are_sealed_in_the_database(offered, citizen):
    person = create_user(
        None, email="nid@b.ma", password="x-long-passphrase", national_id="AB123456"
    )
    person.phone = "+212611223344"
    person.save()
    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, national_id FROM accounts_user WHERE id = %s", [person.pk])
        phone, national_id = cursor.fetchone()
        dossier_id = Dossier._meta.pk.get_db_prep_value(dossier.pk, connection)
        cursor.execute("SELECT data FROM dossiers_dossier WHERE id = %s", [dossier_id])
        (answers,) = cursor.fetchone()
    assert "611223344" not in phone and "AB123456" not in national_id
    assert "Al Amal" not in answers and answers.startswith("vault1$")
    person.refresh_from_db()
    assert (person.phone, person.national_id) == ("+212611223344", "AB123456")
    assert Dossier.objects.get(pk=dossier.pk).data["address"].startswith("12 rue Al Amal")


@pytest.mark.django_db
def test_rotation_rewraps_every_key_and_the_old_key_can_then_go(
    master_keys, storage, offered, citizen, settings
):
    settings.VAULT_READ_CLEAR_FILES = True  # an instance switching to encryption
    plan = os.urandom(envelope.SEGMENT + 77)
    name = storage(plan)
    in_clear = storages["default"].inner.save("vault-test/clear.bin", ContentFile(b"old file"))
    person = create_user(None, email="r@b.ma", password="x-long-passphrase", national_id="K1")
    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    master_keys(f"{NEW},{OLD}")  # the new key first: it wraps from now on
    opened_during = storages["default"].open(name)  # a reader already at work keeps reading
    call_command("rotate_keys", stdout=io.StringIO())
    assert opened_during.read() == plan
    assert envelope.key_id_of(io.BytesIO(_raw(name))) == "new"
    assert envelope.key_id_of(io.BytesIO(_raw(in_clear))) == "new"
    master_keys(NEW)  # the old key is gone
    assert storages["default"].open(name).read() == plan
    assert storages["default"].open(in_clear).read() == b"old file"
    person.refresh_from_db()
    assert person.national_id == "K1"
    with connection.cursor() as cursor:
        cursor.execute("SELECT national_id FROM accounts_user WHERE id = %s", [person.pk])
        assert key_id_of(cursor.fetchone()[0]) == "new"
    assert Dossier.objects.get(pk=dossier.pk).files.first().file.open().read()
    storages["default"].delete(in_clear)


@pytest.mark.django_db
def test_without_the_key_that_wrapped_it_a_file_is_named_not_opened(master_keys, storage):
    storage(b"a plan")
    master_keys(NEW)
    with pytest.raises(CommandError, match="vault-test/"):
        call_command("rotate_keys", stdout=io.StringIO())


def test_production_without_keys_from_the_environment_is_warned(settings, monkeypatch):
    from idara.vault.checks import master_keys_from_the_environment

    settings.DEMO = False
    monkeypatch.delenv("IDARA_MASTER_KEYS", raising=False)
    monkeypatch.setenv("IDARA_INDEX_KEY", "set")
    warnings = master_keys_from_the_environment(None)
    assert [w.id for w in warnings] == ["idara.W001"] and "IDARA_MASTER_KEYS" in warnings[0].msg
    monkeypatch.setenv("IDARA_MASTER_KEYS", NEW)
    assert master_keys_from_the_environment(None) == []


@pytest.mark.django_db
def test_rotation_on_a_new_instance_with_no_files_yet(master_keys):
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)  # make run calls it before any file exists
    assert "0 files re-wrapped" in out.getvalue()
