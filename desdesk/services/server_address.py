"""Server addresses as the GUI handles them: built from a form's fields, taken apart to
fill the form again, and shown without their password (db/server.py does the rest)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from desdesk.db.server import display_name, is_server_url

DEFAULT_PORT = 5432

__all__ = ["DEFAULT_PORT", "ServerFields", "display_name", "is_server_url"]


@dataclass(frozen=True, slots=True)
class ServerFields:
    """What the «Connetti a un server» form asks for."""

    host: str
    database: str
    user: str = ""
    password: str = ""
    port: int = DEFAULT_PORT

    def address(self) -> str:
        """The `postgresql://` address (with the password, if any: never stored)."""
        url = URL.create(
            "postgresql",
            username=self.user.strip() or None,
            password=self.password or None,
            host=self.host.strip(),
            port=self.port if self.port != DEFAULT_PORT else None,
            database=self.database.strip(),
        )
        return url.render_as_string(hide_password=False)

    @staticmethod
    def of(address: str) -> ServerFields:
        """The fields of an address (a recent one has no password)."""
        try:
            url = make_url(address)
        except ArgumentError:
            return ServerFields(host="", database="")
        return ServerFields(
            host=url.host or "",
            database=url.database or "",
            user=url.username or "",
            password=url.password if isinstance(url.password, str) else "",
            port=url.port or DEFAULT_PORT,
        )
