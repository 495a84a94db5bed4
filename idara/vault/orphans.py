"""Files in the storage that no row names: what a filing killed between storing its files and
committing leaves behind (its transaction is gone, its files are not). Old enough, they go."""

from datetime import timedelta

from django.apps import apps
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

from idara.vault.storage import all_names


def referenced_names() -> set[str]:
    names = set()
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(
                    model._base_manager.exclude(**{field.name: ""}).values_list(
                        field.name, flat=True
                    )
                )
    return names


def orphan_names(older_than: timedelta) -> list[str]:
    """Stored files no row names, last written before `older_than` ago (younger ones may
    belong to a filing still in its transaction)."""
    inner = storages["default"].inner
    before = timezone.now() - older_than
    referenced = referenced_names()
    return [
        name
        for name in all_names(inner)
        if name not in referenced and inner.get_modified_time(name) < before
    ]


def remove_orphans(older_than: timedelta) -> list[str]:
    names = orphan_names(older_than)
    for name in names:
        storages["default"].delete(name)
    return names
