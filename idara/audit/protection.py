"""The database itself refuses to change or remove an audit entry: a trigger on each vendor.

The application never updates or deletes entries; the triggers stop anyone else who reaches
the database with the application's role. Only the table's owner can lift them (`lift`),
which is what restoring a backup or a test that tampers on purpose does.
"""

TABLE = "audit_auditentry"
MESSAGE = "the audit log is append-only"

_SQL = {
    "postgresql": {
        "install": [
            f"""CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
                END; $$ LANGUAGE plpgsql""",
            f"DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE}",
            f"""CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON {TABLE}
                FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only()""",
        ],
        "lift": [f"DROP TRIGGER IF EXISTS audit_entry_append_only ON {TABLE}"],
    },
    "sqlite": {
        "install": [
            f"""CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON {TABLE}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
            f"""CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON {TABLE}
                BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
        ],
        "lift": [
            "DROP TRIGGER IF EXISTS audit_entry_no_update",
            "DROP TRIGGER IF EXISTS audit_entry_no_delete",
        ],
    },
}


def install_statements(vendor: str) -> list[str]:
    return _SQL.get(vendor, {}).get("install", [])


def lift_statements(vendor: str) -> list[str]:
    return _SQL.get(vendor, {}).get("lift", [])


def install(connection) -> None:
    _run(connection, install_statements(connection.vendor))


def lift(connection) -> None:
    _run(connection, lift_statements(connection.vendor))


def _run(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
