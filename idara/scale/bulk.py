"""Writing millions of rows fast: COPY on PostgreSQL, batched INSERTs on SQLite.

Rows skip the ORM (no per-row save, no signals): they must be complete and valid. Values are
turned into the vendor's text form by a converter per column, chosen once from its field."""

import datetime
import json
import uuid
from decimal import Decimal

from django.db import connection, models

BATCH = 5000


class BulkWriter:
    def __init__(self, model):
        self.model = model
        # Numbered ids are the database's to give.
        self.fields = [
            f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)
        ]
        self.names = [f.attname for f in self.fields]
        self.defaults = {f.attname: _default(f) for f in self.fields}
        self.convert = [_converter(f) for f in self.fields]
        self.pending: list[tuple] = []
        self.written = 0
        self._copy = None
        self._cursor = None

    def add(self, **values) -> None:
        row = []
        for name, convert in zip(self.names, self.convert, strict=True):
            value = values[name] if name in values else self.defaults[name]
            row.append(None if value is None else convert(value))
        self.pending.append(tuple(row))
        if len(self.pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        if connection.vendor == "postgresql":
            self._copy_rows()
        else:
            self._insert_rows()
        self.written += len(self.pending)
        self.pending = []

    def _copy_rows(self) -> None:
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        table = connection.ops.quote_name(self.model._meta.db_table)
        with connection.cursor() as cursor:
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in self.pending:
                    copy.write_row(row)

    def _insert_rows(self) -> None:
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        table = connection.ops.quote_name(self.model._meta.db_table)
        marks = ", ".join(["%s"] * len(self.fields))
        with connection.cursor() as cursor:
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 (names from the model)
            cursor.executemany(insert, self.pending)


def _default(field):
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if isinstance(field, models.CharField | models.TextField | models.FileField):
        return ""
    return None


def _converter(field):
    """The function giving a column's value as the database takes it in COPY or INSERT."""
    postgres = connection.vendor == "postgresql"
    if isinstance(field, models.UUIDField) or (
        isinstance(field, models.ForeignKey) and isinstance(field.target_field, models.UUIDField)
    ):
        return str if postgres else (lambda v: v.hex if isinstance(v, uuid.UUID) else v)
    if isinstance(field, models.DateTimeField):
        return _datetime if postgres else _sqlite_datetime
    if isinstance(field, models.DateField):
        return lambda v: v.isoformat()
    if isinstance(field, models.BooleanField):
        return bool if postgres else int
    if isinstance(field, models.JSONField):
        return lambda v: json.dumps(v, ensure_ascii=False)
    if isinstance(field, models.DecimalField):
        return lambda v: str(Decimal(v))
    return lambda v: v


def _datetime(value: datetime.datetime) -> str:
    return value.isoformat()


def _sqlite_datetime(value: datetime.datetime) -> str:
    # Django keeps datetimes in SQLite as naive UTC text.
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(sep=" ")
