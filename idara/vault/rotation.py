"""Re-wrapping every data key with the current master key, while Idara serves.

Files: the header is rewritten before the same segments and swapped in atomically; a file
still kept in clear is encrypted. Fields: each encrypted value is sealed again. Old master
keys must stay configured until this has run, then they can go.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.files.storage import storages

from idara.vault import envelope, keys
from idara.vault.fields import EncryptedJSONField, EncryptedTextField
from idara.vault.storage import EncryptedStorage, all_names

BATCH = 500


@dataclass
class Rotation:
    rewrapped: int = 0
    sealed: int = 0
    current: int = 0
    values: int = 0
    failed: list[str] = field(default_factory=list)


def rotate(storage: EncryptedStorage | None = None) -> Rotation:
    storage = storage or storages["default"]
    done = Rotation()
    provider = keys.provider()
    for name in all_names(storage.inner):
        _rotate_file(storage, name, provider, done)
    for model, names in encrypted_fields():
        done.values += _reseal_values(model, names)
    return done


def _rotate_file(storage, name: str, provider, done: Rotation) -> None:
    try:
        with storage.inner.open(name, "rb") as raw:
            key_id = envelope.key_id_of(raw)
            if key_id == provider.current:
                done.current += 1
                return
            if key_id is None:
                raw.close()
                storage.reseal(name)
                done.sealed += 1
                return
            header, body_start = envelope.rewrapped_header(raw, provider)
            storage.replace_sealed(name, header, raw, body_start)
            done.rewrapped += 1
    except (keys.UnknownKey, envelope.DamagedFile, OSError) as error:
        done.failed.append(f"{name}: {error!r}")


def encrypted_fields():
    for model in apps.get_models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, EncryptedTextField | EncryptedJSONField)
        ]
        if names:
            yield model, names


def _reseal_values(model, names: list[str]) -> int:
    count = 0
    batch = []
    for row in model._base_manager.only("pk", *names).iterator(chunk_size=BATCH):
        batch.append(row)  # read plain, written back sealed by the current key
        if len(batch) == BATCH:
            count += _write(model, batch, names)
            batch = []
    return count + (_write(model, batch, names) if batch else 0)


def _write(model, rows, names) -> int:
    model._base_manager.bulk_update(rows, names)
    return len(rows)
