"""`backup` writes one archive of an instance; `restore` rebuilds an empty instance from it.

The database goes through Django's serializer (so a SQLite demo restores into PostgreSQL and
back) with natural keys for content types and permissions; sessions, tokens that live minutes
and uploads in progress are left out. Files are copied byte for byte as the storage keeps them.
The signing keys go too (sealed): without them no document is signed again and no audit
checkpoint can be checked.
"""

import io
import os
import re
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from idara.audit.selectors import checkpoint_problem, first_broken_entry, stored_checkpoints
from idara.backups import archive
from idara.backups.archive import BadArchive
from idara.vault import envelope, keys
from idara.vault.storage import all_names

LEFT_OUT = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "documents.resumableupload",
    "oauth2_provider.accesstoken",
    "oauth2_provider.refreshtoken",
    "oauth2_provider.grant",
    "oauth2_provider.idtoken",
    "oauth2_provider.devicegrant",
]


def backup(path: Path) -> dict:
    """Write the archive at `path`; return its manifest."""
    inner = storages["default"].inner
    manifest = {"format": archive.FORMAT, "created_at": timezone.now().isoformat(), "files": []}
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "w") as out:
        sealed = Path(work) / "database.sealed"
        _dump_database(Path(work) / "database.exactjson", sealed)
        manifest["database"] = _add(out, archive.DATABASE, sealed.open("rb"))
        manifest["database_vendor"] = connection.vendor
        keys_sealed = Path(work) / "signing-keys.sealed"
        _dump_signing_keys(Path(work) / "signing-keys.tar", keys_sealed)
        manifest["signing_keys"] = _add(out, archive.SIGNING_KEYS, keys_sealed.open("rb"))
        for name in sorted(all_names(inner)):
            with inner.open(name, "rb") as stored:
                manifest["files"].append(_add(out, archive.FILES + name, stored))
        archive.write_manifest(out, manifest)
    return manifest


def _dump_database(plain: Path, sealed: Path) -> None:
    call_command(
        "dumpdata",
        format="exactjson",
        natural_foreign=True,
        exclude=LEFT_OUT,
        output=str(plain),
        use_base_manager=True,
        verbosity=0,
    )
    _seal(plain, sealed)


def _dump_signing_keys(plain: Path, sealed: Path) -> None:
    folder = Path(settings.SIGNING_KEYS_DIR)
    with tarfile.open(plain, "w") as out:
        for key_file in sorted(folder.glob("*.pem")) if folder.is_dir() else []:
            out.add(key_file, arcname=key_file.name)
    _seal(plain, sealed)


def _seal(plain: Path, sealed: Path) -> None:
    with plain.open("rb") as source, sealed.open("wb") as out:
        envelope.seal(iter(lambda: source.read(archive.CHUNK), b""), out, keys.provider())
    plain.unlink()  # the clear dump never outlives the backup


def _add(out: tarfile.TarFile, name: str, stream) -> dict:
    with stream:
        sha256, size = archive.sha256_of(stream)
        stream.seek(0)
        archive.add(out, name, stream, size)
    return {"name": name, "sha256": sha256, "size": size}


def restore(path: Path) -> dict:
    """Check the whole archive, then load it into this empty, migrated instance."""
    with tarfile.open(path, "r") as source:
        manifest = archive.read_manifest(source)
        archive.check_members(source, manifest)
        _refuse_unless_empty()
        written, key_files = [], []
        try:
            _restore_files(source, manifest, written)
            if "signing_keys" in manifest:  # archives written before the keys went in
                _restore_signing_keys(source, key_files)
            _restore_database(source)
        except Exception:
            for name in written:  # a failed restore leaves the instance as empty as it was
                storages["default"].inner.delete(name)
            for key_file in key_files:
                key_file.unlink()
            raise
    return manifest


def _refuse_unless_empty() -> None:
    from idara.accounts.models import User
    from idara.audit.models import AuditEntry
    from idara.territories.models import Collectivity

    has_files = any(True for _ in all_names(storages["default"].inner))
    if User.objects.exists() or AuditEntry.objects.exists() or Collectivity.objects.exists():
        raise BadArchive("this instance is not empty: restore into a new, migrated instance")
    if has_files:
        raise BadArchive("this instance's storage is not empty")


def _restore_files(source: tarfile.TarFile, manifest: dict, written: list) -> None:
    inner = storages["default"].inner
    for member in manifest["files"]:
        name = member["name"].removeprefix(archive.FILES)
        content = source.extractfile(member["name"])
        saved = inner.save(name, File(content, name=name))
        written.append(saved)
        with inner.open(saved, "rb") as check:
            if saved != name or archive.sha256_of(check) != (member["sha256"], member["size"]):
                raise BadArchive(f"{name}: not stored as it was in the archive")


_KEY_FILE = re.compile(r"[A-Za-z0-9_.-]+\.pem")


def _restore_signing_keys(source: tarfile.TarFile, written: list[Path]) -> None:
    """Each key file where SIGNING_KEYS_DIR wants it (0600); one already there must be the same."""
    folder = Path(settings.SIGNING_KEYS_DIR)
    with tempfile.TemporaryDirectory() as work:
        plain = _unseal(source, archive.SIGNING_KEYS, Path(work) / "signing-keys.tar")
        with tarfile.open(plain, "r") as bundle:
            for member in bundle.getmembers():
                if not member.isfile() or not _KEY_FILE.fullmatch(member.name):
                    raise BadArchive(f"{member.name}: not a signing key file")
                content = bundle.extractfile(member).read()
                target = folder / member.name
                if target.exists():
                    if target.read_bytes() != content:
                        raise BadArchive(f"{member.name}: another key of that name is here")
                    continue
                folder.mkdir(parents=True, exist_ok=True, mode=0o700)
                # The archived mode, never wider than the owner's 0644 (private keys are 0600).
                descriptor = os.open(
                    target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, member.mode & 0o644
                )
                written.append(target)
                with os.fdopen(descriptor, "wb") as out:
                    out.write(content)


def _unseal(source: tarfile.TarFile, name: str, plain: Path) -> Path:
    member = source.getmember(name)
    opened = envelope.OpenedFile(source.extractfile(member), keys.provider(), member.size)
    with plain.open("wb") as out:
        shutil.copyfileobj(io.BufferedReader(opened), out, archive.CHUNK)
    return plain


def _restore_database(source: tarfile.TarFile) -> None:
    with tempfile.TemporaryDirectory() as work:
        plain = _unseal(source, archive.DATABASE, Path(work) / "database.exactjson")
        with transaction.atomic():
            call_command("loaddata", str(plain), verbosity=0)
            problem = checkpoint_problem(stored_checkpoints(), [])
            if problem is not None:
                raise BadArchive(f"restored audit checkpoints do not hold: {problem}")
            broken = first_broken_entry(stored_checkpoints())
            if broken is not None:
                raise BadArchive(f"restored audit entry #{broken[0]} is broken: {broken[1]}")
