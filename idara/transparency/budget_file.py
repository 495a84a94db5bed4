"""Reading a budget or executed accounts file: every line checked against the chart of accounts
before anything is published; the report names each bad line, in the administrator's language.

The file is CSV, UTF-8, with the header `chapter,article,line,label,amount`. It may end with a
line `TOTAL,revenue,,,<amount>` and one `TOTAL,spending,,,<amount>`: each must equal the sum of
the file's lines of that direction."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils.translation import gettext as _

HEADER = ["chapter", "article", "line", "label", "amount"]
MAX_BYTES = 2 * 1024 * 1024
CHART = Path(__file__).parent / "data" / "chart_of_accounts.csv"


@dataclass(frozen=True)
class Chapter:
    code: str
    section: str
    direction: str
    label_fr: str
    label_ar: str


def chart_of_accounts() -> dict[str, Chapter]:
    with open(CHART, encoding="utf-8") as f:
        return {row["chapter"]: Chapter(*row.values()) for row in csv.DictReader(f)}


@dataclass(frozen=True)
class Line:
    chapter: str
    article: str
    line: str
    label: str
    section: str
    direction: str
    amount: Decimal


class BudgetFileRefused(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.problems = problems


def read_budget_file(content: bytes) -> list[Line]:
    """The file's lines, or BudgetFileRefused listing every problem (nothing is kept)."""
    if len(content) > MAX_BYTES:
        raise BudgetFileRefused([_("The file is larger than 2 MB.")])
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BudgetFileRefused([_("The file must be a CSV file in UTF-8.")])
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or [c.strip().lower() for c in rows[0]] != HEADER:
        raise BudgetFileRefused(
            [_("The first line must be: %(header)s") % {"header": ",".join(HEADER)}]
        )
    chart, lines, totals, problems, seen = chart_of_accounts(), [], {}, [], set()
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            if row[0].strip().upper() == "TOTAL":
                direction, amount = _total(row)
                totals[direction] = amount
                continue
            line = _line(row, chart)
        except ValueError as wrong:
            problems.append(_("Line %(n)s: %(problem)s") % {"n": number, "problem": wrong})
            continue
        key = (line.chapter, line.article, line.line)
        if key in seen:
            problems.append(
                _("Line %(n)s: %(code)s appears twice.") % {"n": number, "code": ".".join(key)}
            )
        seen.add(key)
        lines.append(line)
    problems += _check_totals(lines, totals)
    if not lines and not problems:
        problems.append(_("The file has no lines."))
    if problems:
        raise BudgetFileRefused(problems)
    return lines


def _line(row: list[str], chart: dict[str, Chapter]) -> Line:
    if len(row) != len(HEADER):
        raise ValueError(_("it must have 5 columns, it has %(n)s") % {"n": len(row)})
    chapter, article, line, label, amount = (cell.strip() for cell in row)
    if chapter not in chart:
        raise ValueError(
            _("the chapter “%(code)s” is not in the chart of accounts") % {"code": chapter}
        )
    for value in (article, line):
        if not value.isdigit() or len(value) > 4:
            raise ValueError(_("article and line are numbers of 1 to 4 digits"))
    if not label or len(label) > 200:
        raise ValueError(_("the label is required (200 characters at most)"))
    known = chart[chapter]
    return Line(chapter, article, line, label, known.section, known.direction, _amount(amount))


def _amount(text: str) -> Decimal:
    try:
        amount = Decimal(text.replace(" ", "").replace(",", "."))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
        raise ValueError(_("the amount “%(text)s” is not an amount in dirhams") % {"text": text})
    if amount >= Decimal("1e14"):
        raise ValueError(_("the amount “%(text)s” is too large") % {"text": text})
    return amount


def _total(row: list[str]) -> tuple[str, Decimal]:
    direction = row[1].strip().lower() if len(row) > 1 else ""
    if direction not in ("revenue", "spending") or len(row) != len(HEADER):
        raise ValueError(_("a total line reads TOTAL,revenue,,,amount or TOTAL,spending,,,amount"))
    return direction, _amount(row[4].strip())


def _check_totals(lines: list[Line], totals: dict[str, Decimal]) -> list[str]:
    problems = []
    for direction, declared in totals.items():
        summed = sum((each.amount for each in lines if each.direction == direction), Decimal(0))
        if summed != declared:
            problems.append(
                _("The total of %(direction)s is %(declared)s, but its lines add up to %(sum)s.")
                % {"direction": direction, "declared": declared, "sum": summed}
            )
    return problems
