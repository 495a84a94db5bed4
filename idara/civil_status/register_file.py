"""Importing a bureau's existing register from CSV (the bureaux keep them in spreadsheets).

Every line is checked before anything is written: one bad line and nothing is loaded, and the
report names each rejected line and why. A clean file is loaded in one transaction."""

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from idara.audit.services import record
from idara.civil_status.forms import ACT_FIELDS
from idara.civil_status.models import Act
from idara.civil_status.services import (
    ActRefused,
    check_keeper,
    checked_act,
    number_taken_message,
)

MOST_LINES = 200_000


@dataclass
class ImportReport:
    loaded: int = 0
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def import_register(actor, bureau, content: bytes) -> ImportReport:
    check_keeper(actor, bureau)
    report = ImportReport()
    rows = _rows(content, report)
    if not report.ok:
        return report
    acts = _checked(bureau, rows, report)
    if not report.ok:
        return report
    with transaction.atomic():
        for act in acts:
            act.entered_by = actor
        Act.objects.bulk_create(acts)
        record(
            actor,
            "civil_register.imported",
            bureau,
            data={"acts": len(acts), "sha256": hashlib.sha256(content).hexdigest()},
        )
    report.loaded = len(acts)
    return report


def _rows(content: bytes, report: ImportReport) -> list[tuple[int, dict]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.rejected.append((1, [_("The file must be UTF-8 text (CSV).")]))
        return []
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ACT_FIELDS if c not in (reader.fieldnames or [])]
    if missing:
        message = _("The first line must name the columns; missing: %(columns)s.")
        report.rejected.append((1, [message % {"columns": ", ".join(missing)}]))
        return []
    rows = [(number, row) for number, row in enumerate(reader, start=2)]
    if len(rows) > MOST_LINES:
        report.rejected.append((1, [_("Split the file: at most 200,000 lines at once.")]))
    return rows


def _checked(bureau, rows, report: ImportReport) -> list[Act]:
    acts, seen = [], {}
    taken = set(Act.objects.filter(bureau=bureau).values_list("kind", "year", "number"))
    for line, row in rows:
        if None in row:
            report.rejected.append((line, [_("This line has more values than columns.")]))
            continue
        try:
            act = checked_act(bureau, {k: (v or "").strip() for k, v in row.items()})
        except ActRefused as refused:
            report.rejected.append((line, _messages(refused.errors)))
            continue
        key = (act.kind, act.year, act.number)
        if key in taken:
            report.rejected.append((line, [number_taken_message(act)]))
        elif key in seen:
            message = _("The same act is on line %(line)s.") % {"line": seen[key]}
            report.rejected.append((line, [message]))
        else:
            seen[key] = line
            acts.append(act)
    return acts


def _messages(errors: dict[str, list[str]]) -> list[str]:
    return [f"{name}: {message}" for name, messages in errors.items() for message in messages]
