"""Real SMTP servers on loopback (aiosmtpd) for the outbox tests.

- `SmtpServer(...)`: accepts mail (optionally only after AUTH with one user and
  password) and keeps what it received;
- `drop_in_data=True`: closes the connection when the message data arrives;
- `closed_port()`: a port where nothing listens (connection refused);
- `MemoryKeyring`: a keyring backend in a dict (tests never touch the real one).
"""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from desdesk.services.smtp_transport import PLAIN, SmtpSettings

USER = "segreteria@desvaldisole.it"
PASSWORD = "ciclamino-42"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def closed_port() -> int:
    """A loopback port nobody listens on (bound and released at once)."""
    return free_port()


@dataclass
class Received:
    mail_from: str
    recipients: list[str]
    message: EmailMessage


@dataclass
class Handler:
    drop_in_data: bool = False
    received: list[Received] = field(default_factory=list)
    port: int = 0
    user: str = ""

    @property
    def settings(self) -> SmtpSettings:
        """desdesk's settings for this server (plain SMTP on loopback)."""
        return settings_for(self.port, self.user)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.drop_in_data:
            assert server.transport is not None
            server.transport.close()
            return "421 closing"
        content = envelope.original_content or b""
        parsed = email.message_from_bytes(content, policy=default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from or "", list(envelope.rcpt_tos), parsed))
        return "250 OK"


class _Authenticator:
    def __call__(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == USER
            and data.password.decode() == PASSWORD
        )
        # handled=False: aiosmtpd answers the refusal (535) itself.
        return AuthResult(success=ok, handled=False)


@contextmanager
def smtp_server(*, auth: bool = False, drop_in_data: bool = False) -> Iterator[Handler]:
    """A running server on 127.0.0.1; the handler lists what it received and gives
    desdesk's `settings` for it."""
    handler = Handler(drop_in_data=drop_in_data)
    options: dict[str, Any] = {}
    if auth:
        options = {
            "authenticator": _Authenticator(),
            # Not required (aiosmtpd warns about AUTH without TLS): a client with a
            # user logs in and a wrong password is refused all the same.
            "auth_require_tls": False,
        }
    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    handler.port = controller.port
    handler.user = USER if auth else ""
    try:
        yield handler
    finally:
        controller.stop()


def settings_for(port: int, user: str = "") -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, security=PLAIN, user=user, timeout=5)


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict, for tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise PasswordDeleteError("not kept")
        del self.store[(service, username)]
