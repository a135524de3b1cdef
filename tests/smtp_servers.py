"""Real SMTP servers on loopback (aiosmtpd) for the outbox tests.

- `SmtpServer(...)`: accepts mail (optionally only after AUTH with one user and
  password) and keeps what it received;
- `drop_in_data=True`: takes the whole message, then closes the connection without a
  reply (the client cannot know whether it arrived);
- `stall_in_data=seconds`: keeps the message but replies only after that long (past a
  client's short timeout);
- `drop_at_rcpt=True`: closes the connection at the recipient, before any data (surely
  not delivered);
- `closed_port()`: a port where nothing listens (connection refused);
- `starttls=` / `implicit_tls=`: STARTTLS or SSL with a certificate made in the test
  (`self_signed_certificate`);
- `MemoryKeyring`: a keyring backend in a dict (tests never touch the real one).
"""

from __future__ import annotations

import asyncio
import email
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from ipaddress import ip_address
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
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
    stall_in_data: float = 0.0
    drop_at_rcpt: bool = False
    received: list[Received] = field(default_factory=list)
    port: int = 0
    user: str = ""

    @property
    def settings(self) -> SmtpSettings:
        """desdesk's settings for this server (plain SMTP on loopback)."""
        return settings_for(self.port, self.user)

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if self.drop_at_rcpt:
            assert server.transport is not None
            server.transport.close()
            return "421 closing"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.drop_in_data:
            assert server.transport is not None
            server.transport.close()
            return "421 closing"
        self._keep(envelope)
        if self.stall_in_data:  # kept, but the reply comes too late
            await asyncio.sleep(self.stall_in_data)
        return "250 OK"

    def _keep(self, envelope: Envelope) -> None:
        content = envelope.original_content or b""
        parsed = email.message_from_bytes(content, policy=default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(Received(envelope.mail_from or "", list(envelope.rcpt_tos), parsed))


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


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 made now (cert.pem, key.pem): the server's, and
    the only authority a test client trusts."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ip_address("127.0.0.1"))]), False
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def server_tls_context(cert_file: Path, key_file: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert_file, key_file)
    return context


@contextmanager
def smtp_server(
    *,
    auth: bool = False,
    drop_in_data: bool = False,
    stall_in_data: float = 0.0,
    drop_at_rcpt: bool = False,
    starttls: ssl.SSLContext | None = None,
    implicit_tls: ssl.SSLContext | None = None,
) -> Iterator[Handler]:
    """A running server on 127.0.0.1; the handler lists what it received and gives
    desdesk's `settings` for it."""
    handler = Handler(
        drop_in_data=drop_in_data, stall_in_data=stall_in_data, drop_at_rcpt=drop_at_rcpt
    )
    options: dict[str, Any] = {}
    if auth:
        options = {
            "authenticator": _Authenticator(),
            # Not required (aiosmtpd warns about AUTH without TLS): a client with a
            # user logs in and a wrong password is refused all the same.
            "auth_require_tls": False,
        }
    if starttls is not None:
        options["tls_context"] = starttls
    controller = Controller(
        handler, hostname="127.0.0.1", port=free_port(), ssl_context=implicit_tls, **options
    )
    controller.start()
    handler.port = controller.port
    handler.user = USER if auth else ""
    try:
        yield handler
    finally:
        controller.stop()


def settings_for(port: int, user: str = "", timeout: float = 5) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, security=PLAIN, user=user, timeout=timeout)


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
