"""Districts on a PostgreSQL server, shared by the officers who edit them together.

The same schema and the same Alembic migrations as a district file. What differs:
there is no file to lock (several people work at once; concurrent edits of one record
are caught by its `version` column, see services/base.py), no file to copy before an
upgrade (PostgreSQL's DDL is transactional, so a failed upgrade leaves nothing behind;
an advisory lock keeps two desdesks from upgrading at once), and the change history
names each connection's own user (`desdesk.actor`, set at every transaction).

psycopg is imported by SQLAlchemy only when a server district is opened.
"""

from __future__ import annotations

import getpass
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from desdesk.db.district_file import (
    DistrictFileError,
    MigrationFailed,
    NewerVersionFile,
    NotADistrictFile,
    OpenedFile,
)
from desdesk.db.schema import APPLICATION_ID, HEAD_REVISION, KNOWN_REVISIONS
from desdesk.i18n import _

log = logging.getLogger(__name__)

SERVER_SCHEMES: tuple[str, ...] = ("postgresql", "postgres", "postgresql+psycopg")
CONNECT_TIMEOUT_S = 10

# libpq options: give up on a server that does not answer (at connection, and on a
# network that drops silently: keepalives and a TCP timeout, so a save fails in about
# 15 s instead of hanging the window), and dates as ISO text whatever the server's
# DateStyle (hand-written SQL casts dates to text to order them).
CONNECT_ARGS: dict[str, object] = {
    "connect_timeout": CONNECT_TIMEOUT_S,
    "application_name": "desdesk",
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 15000,
    "options": "-c DateStyle=ISO,YMD",
}


def is_server_url(text: object) -> bool:
    """True for `postgresql://…` (also `postgres://`, `postgresql+psycopg://`)."""
    scheme, separator, _rest = str(text).partition("://")
    return bool(separator) and scheme.lower() in SERVER_SCHEMES


def server_url(text: str) -> URL:
    """The SQLAlchemy URL (psycopg 3 driver) of a `postgresql://` address."""

    try:
        url = make_url(text.strip())
        url.port  # noqa: B018  (a port that is not a number fails here, not later)
    except (ArgumentError, ValueError) as exc:
        raise DistrictFileError(
            _(
                "L'indirizzo del server non è valido. Si scrive così: "
                "postgresql://utente@server:porta/database"
            )
        ) from exc
    if not url.host or not url.database:
        raise DistrictFileError(
            _(
                "L'indirizzo del server deve dire il server e il database, per esempio "
                "postgresql://utente@server.example.org/distretto"
            )
        )
    return url.set(drivername="postgresql+psycopg")


def display_name(text: str) -> str:
    """The address without its password (in the address or its query): what the status
    bar, the recent servers, messages and the log show, and what can be stored."""
    try:
        url = make_url(text.strip())
        url.port  # noqa: B018
    except (ArgumentError, ValueError):
        return _("(indirizzo del server non valido)")
    query = {key: value for key, value in url.query.items() if key.lower() != "password"}
    clean = URL.create(
        "postgresql",
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=query,
    )
    return clean.render_as_string(hide_password=False)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


@dataclass
class SessionActor:
    """Who the change history names for this desdesk's connections (several people
    write to one server, so this is per connection, not the shared `audit_actor` row)."""

    actor: str = ""
    os_user: str = field(default_factory=_os_user)


def make_server_engine(url: str) -> tuple[Engine, SessionActor]:
    """An engine on the server's database and the actor its transactions declare."""
    actor = SessionActor()
    engine = create_engine(
        server_url(url),
        pool_pre_ping=True,
        connect_args=CONNECT_ARGS,
    )

    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql(
            "SELECT set_config('desdesk.actor', %(actor)s, true),"
            " set_config('desdesk.os_user', %(os_user)s, true)",
            {"actor": actor.actor, "os_user": actor.os_user},
        )

    event.listen(engine, "begin", on_begin)
    return engine, actor


def read_revision(connection: Connection) -> str | None:
    """The schema revision of the database, None if it holds no desdesk district."""
    has_table = connection.exec_driver_sql(
        "SELECT to_regclass('alembic_version') IS NOT NULL"
    ).scalar()
    if not has_table:
        return None
    return str(connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() or "")


def is_empty(connection: Connection) -> bool:
    count = connection.exec_driver_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
    ).scalar()
    return not count


def _read_revision_of(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return read_revision(connection)


def _is_empty_database(engine: Engine) -> bool:
    with engine.connect() as connection:
        return is_empty(connection)


def migrate_server(engine: Engine) -> None:
    """Bring the database to head in one transaction, one desdesk at a time."""
    from alembic import command
    from alembic.config import Config

    from desdesk.db.schema import MIGRATIONS_DIR

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.connect() as connection, connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": APPLICATION_ID})
        if read_revision(connection) == HEAD_REVISION:
            return  # another desdesk upgraded it while this one waited
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def check_revision(revision: str | None, name: str) -> None:

    if revision is None:
        raise NotADistrictFile(
            _(
                "Il database {name} non contiene un distretto di desdesk. Se è vuoto puoi "
                "crearne uno: in «Connetti a un server…» spunta «crea qui un nuovo "
                "distretto», oppure usa il comando desdesk new con questo indirizzo."
            ).format(name=name)
        )
    if revision not in KNOWN_REVISIONS:
        raise NewerVersionFile(
            _(
                "Il database {name} è stato aggiornato da una versione più recente di "
                "desdesk. Aggiorna desdesk per aprirlo; il database non è stato modificato."
            ).format(name=name)
        )


def connection_failed(url: str, exc: BaseException) -> Exception:
    """The user's error for a server that cannot be reached or refuses us."""

    original = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    log.warning("Cannot use %s: %s", display_name(url), original)
    return DistrictFileError(
        _("Non riesco a usare il database {name}: {reason}.").format(
            name=display_name(url), reason=server_reason(original)
        )
    )


def server_reason(error: BaseException) -> str:
    """Why the server said no, in a few plain words (its own text goes to the log)."""
    message = str(error).lower()
    reasons: list[tuple[tuple[str, ...], str]] = [
        (
            ("password authentication failed", "no password supplied"),
            _("nome utente o password non validi"),
        ),
        (("does not exist",), _("il database o l'utente non esiste sul server")),
        (
            (
                "connection refused",
                "could not connect",
                "connection timeout",
                "timeout expired",
                "could not translate host name",
                "name or service not known",
            ),
            _("il server non risponde; controlla l'indirizzo e la connessione di rete"),
        ),
        (("permission denied",), _("l'utente non ha i permessi necessari")),
        (
            (
                "server closed the connection",
                "terminating connection",
                "connection is closed",
                "consuming input failed",
            ),
            _("la connessione al server si è interrotta"),
        ),
    ]
    for needles, reason in reasons:
        if any(needle in message for needle in needles):
            return reason
    return _("errore del server")


def run_checked(url: str, work: Callable[[], Any]) -> Any:
    """`work()`, with a failure to reach or use the server turned into a plain error."""
    try:
        return work()
    except DBAPIError as exc:
        if _is_connection_error(exc):
            raise connection_failed(url, exc) from exc
        raise


def _is_connection_error(exc: DBAPIError) -> bool:
    return type(exc.orig).__name__ in {"OperationalError", "InterfaceError"} or bool(
        exc.connection_invalidated
    )


def open_server_district(url: str) -> OpenedFile:
    """Connect, check that the database holds a district this desdesk can open, upgrade it
    if needed, and return the engine on it (no lock: the server is shared)."""

    name = display_name(url)
    engine, actor = make_server_engine(url)
    try:
        revision = run_checked(url, lambda: _read_revision_of(engine))
        check_revision(revision, name)
        if revision != HEAD_REVISION:
            try:
                run_checked(url, lambda: migrate_server(engine))
            except Exception as exc:
                if isinstance(exc, DistrictFileError):
                    raise
                log.exception("Upgrade of %s failed", name)
                raise MigrationFailed(
                    _(
                        "Non riesco ad aggiornare il database {name} a questa versione di "
                        "desdesk; il database non è stato modificato."
                    ).format(name=name)
                ) from exc
    except BaseException:
        engine.dispose()
        raise
    return OpenedFile(path=None, engine=engine, url=url, actor=actor)


def create_server_district(url: str, initialise: Callable[[Engine], None] | None = None) -> None:
    """Make a district in an empty database: the schema at head, then `initialise`.

    If any step fails the database is emptied again (it was empty, so everything in it
    is what this call made).
    """

    name = display_name(url)
    engine, _actor = make_server_engine(url)
    try:
        empty = run_checked(url, lambda: _is_empty_database(engine))
        if not empty:
            raise DistrictFileError(
                _(
                    "Il database {name} non è vuoto: un nuovo distretto si crea solo in un "
                    "database vuoto."
                ).format(name=name)
            )
        try:
            run_checked(url, lambda: migrate_server(engine))
            if initialise is not None:
                initialise(engine)
        except BaseException:
            _empty_again(engine)
            raise
    finally:
        engine.dispose()


def _empty_again(engine: Engine) -> None:
    """Drop every table and function a failed creation left (the database was empty).

    psycopg reads `%` as a placeholder even without parameters: they are doubled."""
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "DO $$ DECLARE t record; BEGIN"
                " FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                " LOOP EXECUTE format('DROP TABLE IF EXISTS %%I CASCADE', t.tablename); END LOOP;"
                " FOR t IN SELECT p.oid::regprocedure AS f FROM pg_proc p"
                " JOIN pg_namespace n ON n.oid = p.pronamespace"
                " WHERE n.nspname = current_schema() AND p.proname LIKE 'audit\\_%%'"
                " LOOP EXECUTE format('DROP FUNCTION IF EXISTS %%s CASCADE', t.f); END LOOP;"
                " END $$"
            )
    except Exception:
        log.exception("Could not empty %s again after a failed creation", engine.url)
