"""A filing killed between storing its files and committing leaves files no row names: the
nightly sweep removes them once they are old enough, and never a file a row names."""

import io
import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command

from idara.dossiers.services import file_dossier
from idara.dossiers.tests.helpers import demolition_filing
from idara.vault.orphans import orphan_names

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_only_files_no_row_names_are_swept_and_only_once_old_enough(offered, citizen):
    dossier, _ = file_dossier(citizen, citizen, demolition_filing(offered))
    kept = {f.file.name for f in dossier.files.all()}
    orphan = storages["default"].save("dossiers/2026/11/killed-filing.pdf", ContentFile(b"x"))
    # Written now by this process's clock (the disk keeps the real time under `make test TODAY`).
    now = time.time()
    os.utime(storages["default"].inner.path(orphan), (now, now))
    assert orphan_names(timedelta(hours=1)) == []  # it may belong to a filing still committing
    assert orphan_names(timedelta(0)) == [orphan]
    out = io.StringIO()
    call_command("remove_orphan_files", older_than_minutes=0, stdout=out)
    assert f"removed {orphan}" in out.getvalue()
    assert not storages["default"].exists(orphan)
    assert all(storages["default"].exists(name) for name in kept)
