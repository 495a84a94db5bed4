"""Reading the territories CSV: every line checked before anything is written."""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass

from idara.territories.models import Kind

HEADER = ["code", "kind", "name_fr", "name_ar", "parent_code"]
CODE_PATTERN = re.compile(r"^\d{2}\.(\d{3}\.(\d{2}\.\d{2}\.)?)?$")
PARENT_KINDS = {
    Kind.REGION: set(),
    Kind.PREFECTURE: {Kind.REGION},
    Kind.PROVINCE: {Kind.REGION},
    Kind.COMMUNE_URBAN: {Kind.PREFECTURE, Kind.PROVINCE},
    Kind.COMMUNE_RURAL: {Kind.PREFECTURE, Kind.PROVINCE},
    Kind.ARRONDISSEMENT: {Kind.COMMUNE_URBAN},
}
# Parents come before children when rows are written in this order.
DEPTH = {
    Kind.REGION: 0,
    Kind.PREFECTURE: 1,
    Kind.PROVINCE: 1,
    Kind.COMMUNE_URBAN: 2,
    Kind.COMMUNE_RURAL: 2,
    Kind.ARRONDISSEMENT: 3,
}


class TerritoryFileError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


@dataclass(frozen=True)
class TerritoryRow:
    line: int
    code: str
    kind: str
    name_fr: str
    name_ar: str
    parent_code: str


def read_territories(lines: Iterable[str]) -> list[TerritoryRow]:
    """Parse and check the whole file; raise TerritoryFileError on the first bad line."""
    reader = csv.reader(lines)
    header = next(reader, None)
    if header != HEADER:
        raise TerritoryFileError(1, f"the header must be {','.join(HEADER)}")
    rows: dict[str, TerritoryRow] = {}
    for values in reader:
        row = _read_row(reader.line_num, values)
        if row.code in rows:
            raise TerritoryFileError(row.line, f"code {row.code} appears twice")
        rows[row.code] = row
    for row in rows.values():
        _check_parent(row, rows)
    return sorted(rows.values(), key=lambda r: (DEPTH[r.kind], r.code))


def _read_row(line: int, values: list[str]) -> TerritoryRow:
    if len(values) != len(HEADER):
        raise TerritoryFileError(line, f"expected {len(HEADER)} columns, found {len(values)}")
    code, kind, name_fr, name_ar, parent_code = (v.strip() for v in values)
    if not CODE_PATTERN.match(code):
        raise TerritoryFileError(line, f"{code!r} is not an HCP code (RR.PPP.CC.NN.)")
    if kind not in Kind.values:
        raise TerritoryFileError(line, f"unknown kind {kind!r}")
    if not name_fr:
        raise TerritoryFileError(line, "the French name is missing")
    return TerritoryRow(line, code, kind, name_fr, name_ar, parent_code)


def _check_parent(row: TerritoryRow, rows: dict[str, TerritoryRow]) -> None:
    allowed = PARENT_KINDS[row.kind]
    if not allowed:
        if row.parent_code:
            raise TerritoryFileError(row.line, "a region has no parent")
        return
    parent = rows.get(row.parent_code)
    if parent is None:
        raise TerritoryFileError(row.line, f"parent {row.parent_code!r} is not in the file")
    if parent.kind not in allowed:
        raise TerritoryFileError(
            row.line, f"a {row.kind} cannot belong to a {parent.kind} ({parent.code})"
        )
    if not row.code.startswith(parent.code[:3]):
        raise TerritoryFileError(row.line, f"code {row.code} is outside its region")
