"""What every robustness test asks of a refusal and of the file afterwards."""

from __future__ import annotations

import re

from sqlalchemy import text

from desdesk.domain.errors import DesdeskError
from desdesk.services.workspace import Workspace

# Words a programmer's message has and a user's never should.
_LEAKS = ("Traceback", "Exception", "Error", "sqlite", "SQL", "NoneType", "object has no")
# A few of the commonest Italian words: every message desdesk writes has one of them.
_ITALIAN = re.compile(
    r"\b(il|lo|la|le|gli|un|una|di|del|della|dei|non|è|ha|per|con|da|in|nel|nessun\w*|"
    r"deve|scrivi|indica|usa|valore|file|data|riga|colonna|importo)\b",
    re.IGNORECASE,
)


def assert_user_message(exc: DesdeskError) -> None:
    """A refusal the user can read: Italian words, no trace of the code behind it."""
    message = exc.message
    assert message.strip(), f"{type(exc).__name__} without a message"
    assert _ITALIAN.search(message), f"not an Italian message: {message!r}"
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
