"""Importing a register from CSV: everything or nothing, and a report line by line."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from idara.audit.models import AuditEntry
from idara.civil_status.forms import ACT_FIELDS
from idara.civil_status.models import Act
from idara.civil_status.register_file import import_register
from idara.civil_status.tests.conftest import BIRTH

pytestmark = pytest.mark.django_db


def register_csv(*rows: dict) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ACT_FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in ACT_FIELDS})
    return out.getvalue().encode()


def numbered(n: int) -> dict:
    return BIRTH | {"number": str(n)}


def test_a_clean_file_is_loaded_whole_and_audited(commune, civil_agent):
    content = register_csv(*(numbered(n) for n in range(1, 6)))
    report = import_register(civil_agent, commune, content)
    assert report.ok and report.loaded == 5
    assert Act.objects.filter(bureau=commune).count() == 5
    entry = AuditEntry.objects.get(action="civil_register.imported")
    assert entry.data["acts"] == 5 and len(entry.data["sha256"]) == 64


def test_one_bad_line_and_nothing_is_loaded_with_each_reason(commune, civil_agent):
    content = register_csv(
        numbered(1),
        numbered(2) | {"sex": "X"},
        numbered(3),
        numbered(1),
        numbered(4) | {"event_date": "12/04/1990"},
    )
    report = import_register(civil_agent, commune, content)
    assert not report.ok and report.loaded == 0
    assert [line for line, _ in report.rejected] == [3, 5, 6]
    assert "sex" in report.rejected[0][1][0]
    assert "2" in report.rejected[1][1][0]  # the same act is on line 2
    assert not Act.objects.exists()


def test_an_act_already_in_the_register_is_rejected(act, commune, civil_agent):
    report = import_register(civil_agent, commune, register_csv(dict(BIRTH)))
    assert report.rejected and Act.objects.count() == 1


def test_a_file_without_the_columns_or_not_utf8_is_refused(commune, civil_agent):
    report = import_register(civil_agent, commune, b"kind,year\nbirth,1990\n")
    assert report.rejected[0][0] == 1 and "number" in report.rejected[0][1][0]
    report = import_register(civil_agent, commune, "kind\n".encode("utf-16"))
    assert "UTF-8" in report.rejected[0][1][0]
    assert not Act.objects.exists()


def test_the_command_loads_or_says_why_not(commune, civil_agent, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(register_csv(numbered(1), numbered(2)))
    bad.write_bytes(register_csv(numbered(3) | {"year": "abc"}))
    out = io.StringIO()
    call_command("import_register", commune.code, str(good), by=civil_agent.email, stdout=out)
    assert "2 acts loaded" in out.getvalue()
    with pytest.raises(CommandError, match="1 lines rejected"):
        call_command(
            "import_register", commune.code, str(bad), by=civil_agent.email, stderr=io.StringIO()
        )
    assert Act.objects.count() == 2
