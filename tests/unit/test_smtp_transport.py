"""smtp_transport against aiosmtpd on loopback, and the keyring wrapper."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import replace
from email.message import EmailMessage
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null

from desdesk.services import mail_secrets, smtp_transport
from desdesk.services.smtp_transport import (
    PLAIN,
    AuthenticationRefused,
    ConnectionDropped,
    DeliveryUncertain,
    NotConfigured,
    PasswordMissing,
    SecureConnectionFailed,
    ServerUnreachable,
    SmtpSettings,
    send_message,
)
from tests.smtp_servers import (
    PASSWORD,
    USER,
    MemoryKeyring,
    closed_port,
    self_signed_certificate,
    server_tls_context,
    settings_for,
    smtp_server,
)


def message() -> EmailMessage:
    email = EmailMessage()
    email["From"] = USER
    email["To"] = "centro@example.org"
    email["Subject"] = "Prova — àèìòù"
    email.set_content("Testo con accenti: perché sì.\n")
    return email


def test_plain_server_receives_utf8_subject_and_body() -> None:
    with smtp_server() as server:
        send_message(message(), server.settings, None)
        [received] = server.received
    assert received.message["Subject"] == "Prova — àèìòù"
    assert received.message.get_content().rstrip() == "Testo con accenti: perché sì."


def test_login_only_with_a_user_and_refusal_in_italian() -> None:
    with smtp_server(auth=True) as server:
        send_message(message(), server.settings, PASSWORD)
        with pytest.raises(AuthenticationRefused) as refused:
            send_message(message(), server.settings, "no")
        assert len(server.received) == 1
    assert refused.value.message == "Il server 127.0.0.1 ha rifiutato nome utente o password."
    assert not refused.value.retry_later


def test_a_user_without_password_is_not_tried() -> None:
    with pytest.raises(PasswordMissing):
        send_message(message(), settings_for(closed_port(), user=USER), None)


def test_missing_server_is_not_configured() -> None:
    with pytest.raises(NotConfigured) as caught:
        send_message(message(), SmtpSettings(host=" "), None)
    assert "Preferenze › Posta" in caught.value.message


def test_closed_port_is_unreachable_and_worth_retrying() -> None:
    port = closed_port()
    with pytest.raises(ServerUnreachable) as caught:
        send_message(message(), settings_for(port), None)
    assert caught.value.retry_later
    assert caught.value.message == (
        f"Non riesco a raggiungere 127.0.0.1:{port}: la connessione è stata rifiutata. "
        "Il messaggio resta nella posta in uscita."
    )


def test_unknown_host_is_unreachable() -> None:
    settings = SmtpSettings(host="server.invalid", port=587, security=PLAIN, timeout=5)
    with pytest.raises(ServerUnreachable) as caught:
        send_message(message(), settings, None)
    assert "server.invalid:587" in caught.value.message


def test_a_connection_dropped_before_the_data_is_worth_retrying() -> None:
    with smtp_server(drop_at_rcpt=True) as server, pytest.raises(ConnectionDropped) as caught:
        send_message(message(), server.settings, None)
    assert caught.value.retry_later
    assert "ha chiuso la connessione" in caught.value.message


UNCERTAIN = (
    "Il server non ha confermato la ricezione: il messaggio potrebbe essere già arrivato. "
    "Controlla con il Centro prima di inviarlo di nuovo."
)


def test_no_reply_after_the_whole_message_is_uncertain_not_retryable() -> None:
    with smtp_server(drop_in_data=True) as server, pytest.raises(DeliveryUncertain) as caught:
        send_message(message(), server.settings, None)
    assert caught.value.message == UNCERTAIN
    assert not caught.value.retry_later and caught.value.affects_all


def test_a_reply_too_late_is_uncertain_and_the_server_did_keep_it() -> None:
    with smtp_server(stall_in_data=2.0) as server:
        with pytest.raises(DeliveryUncertain) as caught:
            send_message(message(), replace(server.settings, timeout=0.5), None)
        assert len(server.received) == 1  # why it must not be sent again by itself
    assert caught.value.message == UNCERTAIN


def test_starttls_to_a_server_without_it_and_ssl_to_a_plain_server() -> None:
    with smtp_server() as server:
        starttls = SmtpSettings("127.0.0.1", server.port, "starttls", timeout=5)
        with pytest.raises(SecureConnectionFailed) as no_starttls:
            send_message(message(), starttls, None)
        ssl = SmtpSettings("127.0.0.1", server.port, "ssl", timeout=5)
        with pytest.raises(SecureConnectionFailed) as no_ssl:
            send_message(message(), ssl, None)
        assert server.received == []
    assert "Preferenze › Posta" in no_starttls.value.message
    assert "connessione sicura" in no_ssl.value.message


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    return self_signed_certificate(tmp_path)


@pytest.fixture
def trusting(certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The client trusts the test's certificate (instead of the system's authorities);
    verification stays on: host name and chain are checked as in real use."""
    monkeypatch.setattr(
        smtp_transport,
        "client_context",
        lambda: ssl.create_default_context(cafile=str(certificate[0])),
    )


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_secure_connections_with_login(
    certificate: tuple[Path, Path], trusting: None, security: str
) -> None:
    context = server_tls_context(*certificate)
    tls = {"starttls": context} if security == "starttls" else {"implicit_tls": context}
    with smtp_server(auth=True, **tls) as server:  # type: ignore[arg-type]
        settings = SmtpSettings("127.0.0.1", server.port, security, USER, timeout=5)
        send_message(message(), settings, PASSWORD)
        assert len(server.received) == 1


def test_an_untrusted_certificate_is_refused(certificate: tuple[Path, Path]) -> None:
    with smtp_server(starttls=server_tls_context(*certificate)) as server:
        settings = SmtpSettings("127.0.0.1", server.port, "starttls", timeout=5)
        with pytest.raises(SecureConnectionFailed) as caught:
            send_message(message(), settings, None)
        assert server.received == []
    assert not caught.value.retry_later
    assert "La connessione sicura con 127.0.0.1 non è riuscita" in caught.value.message


# -- keyring ------------------------------------------------------------------------


@pytest.fixture
def use_keyring() -> Iterator[None]:
    """Set a backend in the test; the previous one comes back afterwards."""
    previous = keyring.get_keyring()
    yield None
    keyring.set_keyring(previous)


def test_memory_keyring_round_trip(use_keyring: None) -> None:
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    assert mail_secrets.keyring_available()
    assert mail_secrets.stored_password("smtp.example.org", USER) is None
    assert mail_secrets.store_password("smtp.example.org", USER, "segreta")
    assert mail_secrets.stored_password("smtp.example.org", USER) == "segreta"
    assert mail_secrets.stored_password("SMTP.example.org", USER) == "segreta"
    assert mail_secrets.stored_password("smtp.other.org", USER) is None
    assert mail_secrets.forget_password("smtp.example.org", USER)
    assert not mail_secrets.forget_password("smtp.example.org", USER)
    assert mail_secrets.stored_password("smtp.example.org", USER) is None
    assert backend.store == {}


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring()])
def test_fail_and_null_backends_mean_no_keyring(use_keyring: None, backend: KeyringBackend) -> None:
    keyring.set_keyring(backend)
    assert not mail_secrets.keyring_available()
    assert mail_secrets.stored_password("smtp.example.org", USER) is None
    assert not mail_secrets.store_password("smtp.example.org", USER, "segreta")
    assert not mail_secrets.forget_password("smtp.example.org", USER)


class PlainFileKeyring(MemoryKeyring):
    """Like keyrings.alt's PlaintextKeyring: a high priority, but a plain file."""

    priority = 5  # type: ignore[assignment]


PlainFileKeyring.__module__ = "keyrings.alt.file"


class NotRecommendedKeyring(MemoryKeyring):
    """A backend keyring itself ranks as usable but not recommended."""

    priority = 0.5  # type: ignore[assignment]


@pytest.mark.parametrize("backend", [PlainFileKeyring(), NotRecommendedKeyring()])
def test_plain_text_and_low_priority_backends_mean_no_keyring(
    use_keyring: None, backend: MemoryKeyring
) -> None:
    keyring.set_keyring(backend)
    assert not mail_secrets.keyring_available()
    assert not mail_secrets.store_password("smtp.example.org", USER, "segreta")
    assert backend.store == {}  # the password is asked each time instead
    backend.store[("desdesk SMTP smtp.example.org", USER)] = "vecchia"
    assert mail_secrets.stored_password("smtp.example.org", USER) is None


def test_a_chain_is_used_only_when_every_backend_is_secure(
    use_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyring.backends import chainer

    chained: list[KeyringBackend] = [MemoryKeyring(), MemoryKeyring()]
    monkeypatch.setattr(chainer.ChainerBackend, "backends", chained)
    keyring.set_keyring(chainer.ChainerBackend())
    assert mail_secrets.keyring_available()
    chained.append(PlainFileKeyring())
    assert not mail_secrets.keyring_available()
    chained.clear()
    assert not mail_secrets.keyring_available()


def test_a_broken_keyring_never_crashes(use_keyring: None) -> None:
    class Broken(MemoryKeyring):
        def get_password(self, service: str, username: str) -> str | None:
            raise RuntimeError("D-Bus is gone")

        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError("locked")

    keyring.set_keyring(Broken())
    assert mail_secrets.stored_password("smtp.example.org", USER) is None
    assert not mail_secrets.store_password("smtp.example.org", USER, "x")
