"""Numbered SQL migrations, one file per version and dialect (``NNNN_name.<dialect>.sql``).

The applied version is kept in ``schema_migrations``; each migration runs in its own transaction,
so a crash leaves the schema at a known version and the next open finishes the job. A migration
that adds a table the store keeps counts in is followed, in that transaction, by filling it from
the rows already stored with the statement writes keep it by (``onrecord.store.aggregates``).
"""

from __future__ import annotations

import re
from importlib import resources

from sqlalchemy import Connection, Engine, text

from onrecord.store.aggregates import fill

_NAME = re.compile(r"^(\d{4})_\w+\.(sqlite|postgresql)\.sql$")


def available(dialect: str) -> list[tuple[int, str]]:
    """(version, SQL) of every migration shipped for ``dialect``, in order."""
    found = []
    for entry in (resources.files("onrecord.store") / "sql").iterdir():
        match = _NAME.match(entry.name)
        if match and match.group(2) == dialect:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return sorted(found)


def _statements(sql: str) -> list[str]:
    """Split a script at lines ending in ";", keeping trigger bodies (``BEGIN ... END;``) whole."""
    statements, lines = [], []
    for line in sql.splitlines():
        if not lines and (not line.strip() or line.lstrip().startswith("--")):
            continue
        lines.append(line)
        in_trigger = lines[0].lstrip().upper().startswith("CREATE TRIGGER")
        if line.rstrip().endswith(";") and (not in_trigger or line.strip().upper() == "END;"):
            statements.append("\n".join(lines).rstrip().rstrip(";"))
            lines = []
    return statements


def current_version(conn: Connection) -> int:
    conn.execute(text("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY)"))
    query = text("SELECT coalesce(max(version), 0) FROM schema_migrations")
    return conn.execute(query).scalar_one()


def migrate(engine: Engine, upto: int | None = None) -> int:
    """Apply every migration newer than the database's version; returns the version reached.

    ``upto`` stops at that version, so a test or benchmark can hold a database at an older
    schema and then measure or check what the next migration does to it.
    """
    with engine.begin() as conn:
        version = current_version(conn)
    for number, sql in available(engine.dialect.name):
        if number <= version or (upto is not None and number > upto):
            continue
        with engine.begin() as conn:
            for statement in _statements(sql):
                conn.exec_driver_sql(statement)
            fill(conn, number)
            conn.execute(text("INSERT INTO schema_migrations (version) VALUES (:v)"), {"v": number})
        version = number
    return version
