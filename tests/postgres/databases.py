"""Fresh databases on the test server (`make test-postgres`, tests/postgres/server.py).

The schema is made once, in a template database; each test gets a copy of it
(PostgreSQL copies a template in milliseconds) and the copy is dropped after the test.
"""

from __future__ import annotations

import itertools
import os

from sqlalchemy.engine import make_url

URL_VARIABLE = "DESDESK_TEST_DATABASE_URL"
TEMPLATE = "desdesk_template"
_numbers = itertools.count(1)
_template_ready = False


def server_under_test() -> str | None:
    """The test server's database URL when the tests run on PostgreSQL."""
    return os.environ.get(URL_VARIABLE) or None


def _admin(url: str):  # type: ignore[no-untyped-def]
    import psycopg

    admin = make_url(url).set(database="postgres", drivername="postgresql")
    return psycopg.connect(admin.render_as_string(hide_password=False), autocommit=True)


def url_of(base: str, database: str) -> str:
    return make_url(base).set(database=database).render_as_string(hide_password=False)


def empty_database(base: str) -> str:
    """A new empty database on the server; its URL."""
    name = f"desdesk_test_{os.getpid()}_{next(_numbers)}"
    with _admin(base) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return url_of(base, name)


def database_at_head(base: str) -> str:
    """A new database with desdesk's schema at head and no district yet."""
    global _template_ready
    if not _template_ready:
        _make_template(base)
        _template_ready = True
    name = f"desdesk_test_{os.getpid()}_{next(_numbers)}"
    with _admin(base) as connection:
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
    return url_of(base, name)


def _make_template(base: str) -> None:
    from desdesk.db.server import make_server_engine, migrate_server

    with _admin(base) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{TEMPLATE}"')
    engine, _actor = make_server_engine(url_of(base, TEMPLATE))
    try:
        migrate_server(engine)
    finally:
        engine.dispose()


def drop_database(url: str) -> None:
    name = make_url(url).database
    with _admin(url) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
