"""What is really stored, read beside the services, on a district file or a server."""

from __future__ import annotations

from typing import Any

from desdesk.db.sql import run
from desdesk.services.workspace import Workspace


def raw_rows(workspace: Workspace, sql: str, *params: object) -> list[tuple[Any, ...]]:
    """Rows of `sql` (with `?` placeholders) in a connection of its own."""
    with workspace.file.engine.connect() as connection:
        return [tuple(row) for row in run(connection, sql, params)]


def raw_execute(workspace: Workspace, sql: str, *params: object) -> None:
    """Write with plain SQL (a file or server changed behind desdesk's back), committed."""
    with workspace.file.engine.begin() as connection:
        run(connection, sql, params)
