"""Numbered SQL migrations, one file per version and dialect (``NNNN_name.<dialect>.sql``).

The applied version is kept in ``schema_migrations``; each migration runs in its own transaction,
so a crash leaves the schema at a known version and the next open finishes the job. That
transaction holds the migration lock (PostgreSQL: an advisory lock on the schema's name; SQLite:
``BEGIN IMMEDIATE``, the write lock) and reads the version under it, so processes opening a new
store at once (``serve --workers N``) apply each migration exactly once, one after another.
A migration that adds a table the store keeps counts in is followed, in that transaction, by
filling it from the rows already stored with the statement writes keep it by
(``onrecord.store.aggregates``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from sqlalchemy import Connection, Engine, inspect, text

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


@contextmanager
def locked(engine: Engine) -> Iterator[Connection]:
    """A transaction that holds the store's migration lock until it commits or rolls back."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # waits up to the busy timeout
        else:
            conn.execute(text(
                "SELECT pg_advisory_xact_lock(hashtext('onrecord.migrate.' || current_schema()))"
            ))
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


def applied(engine: Engine) -> int:
    """The version reached, read without taking the lock (0 for a new store)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("schema_migrations"):
            return 0
        query = text("SELECT coalesce(max(version), 0) FROM schema_migrations")
        return conn.execute(query).scalar_one()


def migrate(engine: Engine, upto: int | None = None) -> int:
    """Apply every migration newer than the database's version; returns the version reached.

    ``upto`` stops at that version, so a test or benchmark can hold a database at an older
    schema and then measure or check what the next migration does to it.
    """
    wanted = [(n, sql) for n, sql in available(engine.dialect.name) if upto is None or n <= upto]
    version = applied(engine)
    while wanted and version < wanted[-1][0]:
        with locked(engine) as conn:
            version = current_version(conn)  # another process may have got here first
            pending = [(n, sql) for n, sql in wanted if n > version]
            if not pending:
                break
            number, sql = pending[0]
            for statement in _statements(sql):
                conn.exec_driver_sql(statement)
            fill(conn, number)
            conn.execute(text("INSERT INTO schema_migrations (version) VALUES (:v)"), {"v": number})
            version = number
    return version
