"""One backup archive: a tar file holding the database and the signing keys (each sealed with
the master key: personal data, private keys), every stored file as it lies in the storage
(already sealed), and a manifest naming the SHA-256 and size of each. Reading checks every
hash before anything is used."""

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass

MANIFEST = "manifest.json"
DATABASE = "database.json.sealed"
SIGNING_KEYS = "signing-keys.tar.sealed"
FILES = "files/"
FORMAT = 1
CHUNK = 1024 * 1024


class BadArchive(ValueError):
    """The archive is not one Idara wrote, or something in it changed."""


@dataclass(frozen=True)
class Member:
    name: str
    sha256: str
    size: int


def sha256_of(stream) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def add(archive: tarfile.TarFile, name: str, stream, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o600
    archive.addfile(info, stream)


def write_manifest(archive: tarfile.TarFile, manifest: dict) -> None:
    body = json.dumps(manifest, indent=1, sort_keys=True).encode()
    add(archive, MANIFEST, io.BytesIO(body), len(body))


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, ValueError) as error:
        raise BadArchive("no readable manifest: not an Idara backup") from error
    if manifest.get("format") != FORMAT:
        raise BadArchive(f"unknown backup format {manifest.get('format')!r}")
    return manifest


def check_members(archive: tarfile.TarFile, manifest: dict) -> None:
    """Every member the manifest names is there, with its hash; nothing else is there; no
    name leaves the archive's folders (a crafted archive's path traversal)."""
    sealed = [
        manifest["database"],
        *([manifest["signing_keys"]] if "signing_keys" in manifest else []),
    ]
    expected = {m["name"]: m for m in [*sealed, *manifest["files"]]}
    present = {info.name: info for info in archive.getmembers() if info.name != MANIFEST}
    for name in present:
        if name not in expected:
            raise BadArchive(f"{name}: not in the manifest")
        if not present[name].isfile() or name.startswith("/") or ".." in name.split("/"):
            raise BadArchive(f"{name}: not a plain file inside the archive")
    for name, member in expected.items():
        if name not in present:
            raise BadArchive(f"{name}: missing")
        sha256, size = sha256_of(archive.extractfile(present[name]))
        if (sha256, size) != (member["sha256"], member["size"]):
            raise BadArchive(f"{name}: its SHA-256 does not match the manifest")
