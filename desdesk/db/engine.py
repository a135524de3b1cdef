"""Engines on district files: the pragmas every connection gets, and real transactions.

Python's sqlite3 driver (before 3.12's `autocommit`) opens a transaction only at the
first INSERT/UPDATE/DELETE, so a CREATE TABLE or ALTER before it commits on its own and
a failed migration would leave half a schema. Following SQLAlchemy's recipe for
pysqlite ("Serializable isolation / Savepoints / Transactional DDL"), the driver's own
transaction handling is switched off and SQLAlchemy emits BEGIN at the start of every
transaction: everything between BEGIN and COMMIT, DDL included, is one transaction.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver issues no BEGIN (nor an implicit COMMIT before DDL): _on_begin does.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL is persistent, but a copy made for e-mail is in rollback mode: switch it back.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    # FULL: a committed change survives a power cut, also in WAL mode.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # Deleted and overwritten content is zeroed, not left in free space (an erased
    # person's e-mail must not stay in the file). Debian's SQLite has it on by default,
    # python.org's builds do not.
    cursor.execute("PRAGMA secure_delete = ON")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    # The driver's commit() and rollback() end this transaction (it is in progress).
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine on an existing district file (already checked and migrated)."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine
