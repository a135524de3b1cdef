"""The district a command works on: a district file, or a district on a PostgreSQL
server given by its `postgresql://` address in place of FILE.des.

argparse's `type=Path` would spoil an address (`postgresql://u@h/db` becomes
`postgresql:/u@h/db`), so every FILE.des argument goes through `district_location`,
which keeps an address as text; `open_workspace` and `create_workspace` take either.
Backups are of district files only: on a server they are its administrator's job.
"""

from __future__ import annotations

from pathlib import Path

from desdesk.db.server import display_name, is_server_url
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _

DistrictLocation = Path | str


def district_location(text: str) -> DistrictLocation:
    """argparse `type` of FILE.des: a path, or a server address kept as it was typed."""
    return text.strip() if is_server_url(text) else Path(text)


def shown(location: DistrictLocation) -> str:
    """The location as messages print it: a server address without its password."""
    return display_name(location) if isinstance(location, str) else str(location)


def server_note() -> str:
    """The line under the commands' help that says an address may replace FILE.des."""
    return _(
        "Al posto di FILE.des si può indicare un distretto su un server PostgreSQL con "
        "il suo indirizzo: postgresql://utente@server/database"
    )


def refuse_server_backups(location: DistrictLocation) -> None:
    """Raise the user's error when `location` is a server: desdesk backs up files only."""
    if not is_server_url(location):
        return
    raise DesdeskError(
        _(
            "Il distretto {name} è su un server: desdesk salva e ripristina i backup solo "
            "dei file di distretto. I backup di un database sul server li fa il suo "
            "amministratore (per esempio con pg_dump, e li ripristina con pg_restore)."
        ).format(name=shown(location))
    )
