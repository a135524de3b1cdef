"""What every robustness test asks of a refusal and of the file afterwards."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

from sqlalchemy import text

import desdesk
from desdesk.domain.errors import DesdeskError
from desdesk.services.workspace import Workspace

# Words a programmer's message has and a user's never should.
_LEAKS = ("Traceback", "Exception", "Error", "sqlite", "SQL", "NoneType", "object has no")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
_GETTEXT = {"_", "N_", "ngettext"}


@cache
def _italian_templates() -> re.Pattern[str]:
    """Every text desdesk marks for translation (Italian, the source language), each a
    pattern where its placeholders match anything."""
    texts: set[str] = set()
    for path in Path(desdesk.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in _GETTEXT:
                texts |= {
                    arg.value
                    for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                }
    patterns = [
        ".*".join(re.escape(piece) for piece in _PLACEHOLDER.split(text))
        for text in texts
        if re.search(r"[^\W\d_]{2}", _PLACEHOLDER.sub("", text))  # not only placeholders
    ]
    one = "|".join(f"(?:{p})" for p in sorted(patterns))
    # Several joined as the services join them: `; ` between a record's problems, a
    # line per problem of a file.
    return re.compile(f"(?:{one})(?:(?:; |\n)(?:{one}))*", re.DOTALL)


def is_desdesk_text(message: str) -> bool:
    """`message` is made of desdesk's own Italian texts (whatever fills their blanks)."""
    return _italian_templates().fullmatch(message) is not None


def assert_user_message(exc: DesdeskError) -> None:
    """A refusal the user can read: desdesk's own Italian text, no trace of the code."""
    message = exc.message
    assert message.strip(), f"{type(exc).__name__} without a message"
    assert is_desdesk_text(message), f"not one of desdesk's Italian texts: {message!r}"
    # Only the text desdesk wrote counts: a quoted input may contain anything.
    own = re.sub(r"“[^”]*”|\"[^\"]*\"", "", message, flags=re.DOTALL)
    leaks = [word for word in _LEAKS if word in own]
    assert not leaks, f"a programmer's message reached the user: {message!r}"


def assert_consistent(workspace: Workspace) -> None:
    """The file after any accepted or refused input: intact, no dangling reference."""
    with workspace.file.engine.connect() as connection:
        check = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
        broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    assert check == ["ok"]
    assert broken == []


def table_counts(workspace: Workspace) -> dict[str, int]:
    """Rows per table: what a refused import must leave as it was."""
    with workspace.file.engine.connect() as connection:
        tables = connection.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        ).scalars()
        return {
            name: connection.execute(text(f'SELECT count(*) FROM "{name}"')).scalar_one()
            for name in list(tables)
        }
