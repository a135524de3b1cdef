"""The change log's triggers: SQL generated from a table's column list.

Every table holding the district's data gets three AFTER triggers (insert, update,
delete) that append a row to `change_log` with the row's values as JSON before and
after the change, the time in UTC and the actor taken from the one row of
`audit_actor`. Being triggers, they record every write — the services', the CLI's, an
import's — with no code path able to forget them, inside the same transaction as the
change (a rolled-back change leaves no history).

Migrations call `trigger_statements` with column lists frozen in the migration file, so
a later migration that adds a column must drop and recreate that table's triggers (a
test compares the frozen lists with the live schema). A table rebuilt by Alembic's
batch mode loses its triggers with the old table: such a migration must recreate them.

On PostgreSQL (a district shared on a server) each trigger calls a PL/pgSQL function of
the same name; the actor is the connection's own (`desdesk.actor`, set per transaction
by db/server.py, since several people write at once), else the `audit_actor` row.
"""

from __future__ import annotations

from collections.abc import Sequence

ACTIONS: tuple[str, ...] = ("insert", "update", "delete")

# Columns that change on every save (a timestamp), not by the user's hand: a change
# of these alone is not a change worth recording.
BOOKKEEPING_COLUMNS: frozenset[str] = frozenset({"updated_at"})

# Columns the triggers leave out altogether: the edit count (0009) changes with every
# update and says nothing the other columns do not.
UNLOGGED_COLUMNS: frozenset[str] = frozenset({"version"})

_ACTOR_ROW = "audit_actor WHERE id = 1"
_ENABLED = f"(SELECT enabled FROM {_ACTOR_ROW}) = 1"
_NOW = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"


def trigger_name(table: str, action: str) -> str:
    return f"audit_{table}_{action}"


def trigger_statements(
    table: str, columns: Sequence[str], key: str = "id", dialect: str = "sqlite"
) -> list[str]:
    """CREATE TRIGGER statements logging inserts, updates and deletes of `table`.

    `columns` are those whose values go into the JSON (binary columns are left out by
    the caller); `key` is the integer column (or `rowid`) recorded as `record_id`.
    An update is recorded only when some non-bookkeeping column really changed.
    `dialect` is the connection's (`op.get_bind().dialect.name` in a migration).
    """
    if not columns:
        raise ValueError(f"no columns for the triggers of {table}")
    if dialect == "postgresql":
        return [
            statement
            for action in ACTIONS
            for statement in _postgres_trigger(table, action, key, columns)
        ]
    return [
        _trigger(table, "insert", key, ("NULL", _json("NEW", columns)), _ENABLED),
        _trigger(
            table,
            "update",
            key,
            (_json("OLD", columns), _json("NEW", columns)),
            f"{_ENABLED} AND ({_changed(columns)})",
        ),
        _trigger(table, "delete", key, (_json("OLD", columns), "NULL"), _ENABLED),
    ]


def drop_statements(table: str, dialect: str = "sqlite") -> list[str]:
    if dialect == "postgresql":
        return [
            f'DROP FUNCTION IF EXISTS "{trigger_name(table, action)}"() CASCADE'
            for action in ACTIONS
        ]
    return [f'DROP TRIGGER IF EXISTS "{trigger_name(table, action)}"' for action in ACTIONS]


def _trigger(table: str, action: str, key: str, values: tuple[str, str], when: str) -> str:
    before, after = values
    row = "OLD" if action == "delete" else "NEW"
    return (
        f'CREATE TRIGGER "{trigger_name(table, action)}" AFTER {action.upper()} ON "{table}"\n'
        f"WHEN {when}\n"
        "BEGIN\n"
        "  INSERT INTO change_log"
        " (at, actor, os_user, table_name, record_id, action, before, after)\n"
        f"  SELECT {_NOW}, actor, os_user, '{table}', {row}.{_quote(key)}, '{action}',\n"
        f"         {before},\n"
        f"         {after}\n"
        f"  FROM {_ACTOR_ROW};\n"
        "END"
    )


def _json(row: str, columns: Sequence[str]) -> str:
    pairs = ", ".join(f"'{column}', {row}.{_quote(column)}" for column in columns)
    return f"json_object({pairs})"


def _changed(columns: Sequence[str]) -> str:
    watched = [column for column in columns if column not in BOOKKEEPING_COLUMNS]
    return " OR ".join(f"OLD.{_quote(c)} IS NOT NEW.{_quote(c)}" for c in watched)


def _quote(column: str) -> str:
    return column if column == "rowid" else f'"{column}"'


_PG_NOW = """to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""
_PG_ACTOR = "COALESCE(NULLIF(current_setting('desdesk.{name}', true), ''), a.{name})"


def _postgres_trigger(table: str, action: str, key: str, columns: Sequence[str]) -> list[str]:
    """The function and the trigger logging one action on `table` (PostgreSQL)."""
    name = trigger_name(table, action)
    row = "OLD" if action == "delete" else "NEW"
    record = "NULL" if key == "rowid" else f"{row}.{_quote(key)}"
    before = "NULL" if action == "insert" else _pg_json("OLD", columns)
    after = "NULL" if action == "delete" else _pg_json("NEW", columns)
    function = (
        f'CREATE OR REPLACE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$\n'
        "BEGIN\n"
        "  INSERT INTO change_log"
        " (at, actor, os_user, table_name, record_id, action, before, after)\n"
        f"  SELECT {_PG_NOW}, {_PG_ACTOR.format(name='actor')},"
        f" {_PG_ACTOR.format(name='os_user')},\n"
        f"         '{table}', {record}, '{action}', {before}, {after}\n"
        "  FROM audit_actor a WHERE a.id = 1 AND a.enabled = 1;\n"
        "  RETURN NULL;\n"
        "END $$"
    )
    when = ""
    if action == "update":
        watched = [column for column in columns if column not in BOOKKEEPING_COLUMNS]
        changed = " OR ".join(
            f"OLD.{_quote(c)}::text IS DISTINCT FROM NEW.{_quote(c)}::text" for c in watched
        )
        when = f"WHEN ({changed}) "
    trigger = (
        f'CREATE TRIGGER "{name}" AFTER {action.upper()} ON "{table}" FOR EACH ROW\n'
        f'{when}EXECUTE FUNCTION "{name}"()'
    )
    return [function, trigger]


def _pg_json(row: str, columns: Sequence[str]) -> str:
    pairs = ", ".join(f"'{column}', {row}.{_quote(column)}" for column in columns)
    return f"json_build_object({pairs})::text"
