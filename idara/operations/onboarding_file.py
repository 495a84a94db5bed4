"""The onboarding file: one collectivity a line, checked whole before anything is written.

Columns: `code` (the collectivity's code in the reference), `admin_email`, `admin_name`,
`online` (what to put online, separated by `;`: procedure slugs, categories, or `all`)."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from idara.catalog.models import Category, Procedure
from idara.catalog.selectors import levels_handled_by
from idara.territories.models import Collectivity

COLUMNS = ["code", "admin_email", "admin_name", "online"]
MOST_LINES = 5_000
EVERYTHING = "all"


@dataclass(frozen=True)
class Onboarding:
    code: str
    admin_email: str
    admin_name: str
    online: tuple[str, ...] = ()

    @classmethod
    def of(cls, code: str, admin_email: str, admin_name: str, online: str) -> "Onboarding":
        """From the values as typed (a line of the file, or the command's arguments)."""
        return cls(
            code=(code or "").strip(),
            admin_email=(admin_email or "").strip().lower(),
            admin_name=(admin_name or "").strip(),
            online=tuple(w.strip() for w in (online or "").split(";") if w.strip()),
        )


@dataclass
class FileReport:
    rows: list[Onboarding] = field(default_factory=list)
    rejected: list[tuple[int, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected


def read_onboarding_file(content: bytes) -> FileReport:
    report = FileReport()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        report.rejected.append((1, [_("The file is not UTF-8 text.")]))
        return report
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != COLUMNS:
        columns = ", ".join(COLUMNS)
        report.rejected.append((1, [_("The columns must be: %(columns)s.") % {"columns": columns}]))
        return report
    lines = list(reader)
    if len(lines) > MOST_LINES:
        report.rejected.append((1, [_("At most %(n)d lines a file.") % {"n": MOST_LINES}]))
        return report
    seen: set[str] = set()
    levels = procedure_levels()
    for number, line in enumerate(lines, start=2):
        row = Onboarding.of(*(line[column] for column in COLUMNS))
        if problems := check(row, seen, levels):
            report.rejected.append((number, problems))
        report.rows.append(row)
        seen.add(row.code)
    return report


def procedure_levels() -> dict[str, str]:
    """Each procedure's slug and the level of collectivity that handles it."""
    return dict(Procedure.objects.values_list("slug", "level"))


def check(row: Onboarding, seen: set | frozenset = frozenset(), levels=None) -> list[str]:
    """What is wrong with one collectivity's onboarding; nothing when it can be done."""
    levels = procedure_levels() if levels is None else levels
    problems = []
    collectivity = Collectivity.objects.filter(code=row.code).first()
    if collectivity is None:
        problems.append(_("Unknown collectivity code “%(code)s”.") % {"code": row.code})
    elif row.code in seen:
        problems.append(_("This collectivity is already on an earlier line."))
    try:
        validate_email(row.admin_email)
    except ValidationError:
        problems.append(_("The administrator's email address is not valid."))
    if not row.admin_name or len(row.admin_name) > 200:
        problems.append(_("Give the administrator's full name (at most 200 characters)."))
    if unknown := [w for w in row.online if w not in {EVERYTHING, *Category.values, *levels}]:
        problems.append(
            _("Neither a procedure nor a category: %(words)s.") % {"words": ", ".join(unknown)}
        )
    if collectivity is not None:
        handled = levels_handled_by(collectivity.kind)
        if elsewhere := [w for w in row.online if w in levels and levels[w] not in handled]:
            problems.append(
                _("This collectivity does not handle: %(words)s.") % {"words": ", ".join(elsewhere)}
            )
    return problems
