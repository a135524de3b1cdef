"""The outbox against real SMTP servers on loopback: sent once, kept when refused."""

from __future__ import annotations

import email
from dataclasses import replace
from datetime import date
from email.message import EmailMessage
from email.policy import default
from functools import partial
from pathlib import Path

import pytest

from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.domain.errors import ValidationFailed
from desdesk.services.archive import sha256_hex
from desdesk.services.outbox import FAILED, PENDING, SENDING, AlreadySent, Draft, MaybeSent
from desdesk.services.smtp_transport import NotConfigured, send_message
from desdesk.services.workspace import Workspace
from tests.smtp_servers import PASSWORD, closed_port, settings_for, smtp_server

CENTRO = "centro.economiasolidale@provincia.tn.it"
SENDER = "segreteria@desvaldisole.it"
APPROVAL = Approval("Anna Rossi", "Coordinatrice", date(2026, 11, 26))


def approved(
    workspace: Workspace, kind: DocumentKind, year: int | None = None
) -> ArchivedDocumentRow:
    draft = workspace.catalog.generate(DocumentRequest(kind, year=year))
    return workspace.archive.approve(draft.id, APPROVAL)


@pytest.fixture
def documents(workspace: Workspace) -> list[ArchivedDocumentRow]:
    return [
        approved(workspace, DocumentKind.REGISTER),
        approved(workspace, DocumentKind.BUDGET, 2026),
    ]


def compose(workspace: Workspace, documents: list[ArchivedDocumentRow]) -> int:
    row = workspace.outbox.compose(
        CENTRO,
        "DES Vallagarina — documenti 2026",
        "Buongiorno,\nin allegato i documenti.\n",
        [(d.id, False) for d in documents],
    )
    return row.id


def attachments_of(message: EmailMessage) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for part in message.iter_attachments():
        assert part.get_content_type() == "application/pdf"
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found[str(part.get_filename())] = payload
    return found


def test_good_server_receives_the_message_once_with_exact_attachments(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    stored = workspace.outbox.get(message_id)
    assert stored.status == PENDING
    assert stored.attachments == (
        "libro-degli-aderenti-rev1.pdf",
        "rendiconto-per-cassa-2026-rev1.pdf",
    )
    with smtp_server() as server:
        transport = partial(send_message, settings=server.settings, password=None)
        results = workspace.outbox.send_pending(transport, sender=SENDER)
        assert [r.sent for r in results] == [True]
        assert len(server.received) == 1
        received = server.received[0]
        assert received.recipients == [CENTRO]
        assert received.mail_from == SENDER
        assert received.message["Subject"] == "DES Vallagarina — documenti 2026"
        assert received.message["Message-ID"] == stored.message_id
        assert "in allegato i documenti" in received.message.get_body().get_content()
        assert attachments_of(received.message) == {
            "libro-degli-aderenti-rev1.pdf": workspace.archive.pdf(documents[0].id),
            "rendiconto-per-cassa-2026-rev1.pdf": workspace.archive.pdf(documents[1].id),
        }
        # Nothing is sent twice: a second round and an explicit send do nothing.
        assert workspace.outbox.send_pending(transport, sender=SENDER) == []
        with pytest.raises(AlreadySent):
            workspace.outbox.send(message_id, transport, sender=SENDER)
        assert len(server.received) == 1
    row = workspace.outbox.get(message_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 1, "")
    assert row.sent_at is not None
    sent = {r.id: r.sent_at for r in workspace.archive.rows()}
    assert sent[documents[0].id] == row.sent_at
    assert sent[documents[1].id] == row.sent_at
    assert workspace.outbox.pending_count() == 0
    with pytest.raises(AlreadySent):
        workspace.outbox.delete(message_id)


def test_refused_authentication_fails_in_italian_and_sends_nothing(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    with smtp_server(auth=True) as server:
        transport = partial(send_message, settings=server.settings, password="sbagliata")
        [result] = workspace.outbox.send_pending(transport, sender=SENDER)
        assert server.received == []
    assert not result.sent and not result.retry_later
    assert result.error == "Il server 127.0.0.1 ha rifiutato nome utente o password."
    row = workspace.outbox.get(message_id)
    assert (row.status, row.attempts, row.last_error) == (FAILED, 1, result.error)
    assert row.last_attempt_at is not None


def test_authentication_with_the_right_password_sends(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    with smtp_server(auth=True) as server:
        transport = partial(send_message, settings=server.settings, password=PASSWORD)
        [result] = workspace.outbox.send_pending(transport, sender=SENDER)
        assert result.sent
        assert len(server.received) == 1
    assert workspace.outbox.get(message_id).status == "sent"


def test_dropped_connection_keeps_the_message_then_a_good_server_gets_it_once(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    with smtp_server(drop_at_rcpt=True) as dropping:  # before the data: surely not sent
        transport = partial(send_message, settings=dropping.settings, password=None)
        [result] = workspace.outbox.send_pending(transport, sender=SENDER)
    assert not result.sent and result.retry_later
    assert "ha chiuso la connessione" in result.error
    row = workspace.outbox.get(message_id)
    assert (row.status, row.attempts) == (FAILED, 1)
    with smtp_server() as good:
        transport = partial(send_message, settings=good.settings, password=None)
        [again] = workspace.outbox.send_pending(transport, sender=SENDER)
        assert again.sent
        assert workspace.outbox.send_pending(transport, sender=SENDER) == []
        assert len(good.received) == 1
        assert good.received[0].message["Message-ID"] == row.message_id  # the same message
    row = workspace.outbox.get(message_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")


def test_offline_connection_refused_keeps_the_message(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    first = compose(workspace, documents)
    second = compose(workspace, documents[:1])
    port = closed_port()
    transport = partial(send_message, settings=settings_for(port), password=None)
    results = workspace.outbox.send_pending(transport, sender=SENDER)
    # The server is unreachable for both: the batch stops at the first.
    assert [r.message_id for r in results] == [first]
    assert results[0].retry_later
    assert results[0].error.startswith(f"Non riesco a raggiungere 127.0.0.1:{port}: ")
    assert results[0].error.endswith("Il messaggio resta nella posta in uscita.")
    assert workspace.outbox.get(first).status == FAILED
    assert workspace.outbox.get(second).status == PENDING
    assert workspace.outbox.pending_count() == 2


@pytest.mark.parametrize("server_options", [{"drop_in_data": True}, {"stall_in_data": 2.0}])
def test_no_reply_after_the_data_leaves_it_uncertain_and_not_retried_by_itself(
    workspace: Workspace, documents: list[ArchivedDocumentRow], server_options: dict
) -> None:
    message_id = compose(workspace, documents)
    later = compose(workspace, documents[:1])
    with smtp_server(**server_options) as server:
        settings = replace(server.settings, timeout=0.5)
        transport = partial(send_message, settings=settings, password=None)
        [result] = workspace.outbox.send_pending(transport, sender=SENDER)  # batch stops
    assert not result.sent and result.uncertain and not result.retry_later
    assert result.error.startswith("Il server non ha confermato la ricezione")
    row = workspace.outbox.get(message_id)
    assert (row.status, row.attempts, row.last_error) == (SENDING, 1, result.error)
    assert workspace.outbox.get(later).status == PENDING
    with smtp_server() as good:
        transport = partial(send_message, settings=good.settings, password=None)
        [other] = workspace.outbox.send_pending(transport, sender=SENDER)
        assert other.message_id == later and other.sent
        assert workspace.outbox.get(message_id).status == SENDING  # not sent again
        [again] = workspace.outbox.send_pending(transport, sender=SENDER, include_uncertain=True)
        assert again.message_id == message_id and again.sent
        assert [r.message["Message-ID"] for r in good.received] == [
            workspace.outbox.get(later).message_id,
            row.message_id,
        ]
    row = workspace.outbox.get(message_id)
    assert (row.status, row.attempts, row.last_error) == ("sent", 2, "")


def test_the_email_carries_the_signed_copy_chosen_at_compose(workspace: Workspace) -> None:
    document = approved(workspace, DocumentKind.REGISTER)
    first = workspace.archive.pdf(document.id) + b"% first signature\n"
    workspace.archive.store_signed(document.id, first, "Anna Rossi")
    message_id = workspace.outbox.compose(CENTRO, "Libro firmato", "", [(document.id, True)]).id
    second = first + b"% more\n"  # signed again before the message leaves
    workspace.archive.store_signed(document.id, second, "Luca Bianchi")
    assert workspace.archive.pdf(document.id, signed=True) == second
    eml = workspace.outbox.build_email(message_id, SENDER)
    assert list(attachments_of(eml).values()) == [first]
    with smtp_server() as server:
        transport = partial(send_message, settings=server.settings, password=None)
        [result] = workspace.outbox.send_pending(transport, sender=SENDER)
        assert result.sent
        [received] = server.received
    assert attachments_of(received.message) == {"libro-degli-aderenti-rev1-firmato.pdf": first}
    assert sha256_hex(first) != sha256_hex(second)


def test_a_message_left_sending_is_retried_only_when_asked(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    # The app died between step 1 (status "sending" committed) and the transport.
    assert workspace.outbox._mark_sending(message_id, (PENDING,))
    assert workspace.outbox.get(message_id).status == SENDING
    with smtp_server() as server:
        transport = partial(send_message, settings=server.settings, password=None)
        assert workspace.outbox.send_pending(transport, sender=SENDER) == []
        assert server.received == []
        assert workspace.outbox.pending_count(include_uncertain=False) == 0
        assert workspace.outbox.pending_count() == 1
        [result] = workspace.outbox.send_pending(transport, sender=SENDER, include_uncertain=True)
        assert result.sent
        assert workspace.outbox.send_pending(transport, sender=SENDER, include_uncertain=True) == []
        assert len(server.received) == 1
    assert workspace.outbox.get(message_id).attempts == 2


def test_status_sending_is_committed_before_the_transport_runs(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    seen: list[tuple[str, int]] = []

    def transport(message: EmailMessage) -> None:
        row = workspace.outbox.get(message_id)  # another session: only committed data
        seen.append((row.status, row.attempts))

    [result] = workspace.outbox.send_pending(transport, sender=SENDER)
    assert result.sent
    assert seen == [(SENDING, 1)]


def test_compose_checks_address_subject_and_attachments(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        workspace.outbox.compose(
            "non-un-indirizzo", "  ", "", [(documents[0].id, True), (9999, False)]
        )
    problems = caught.value
    assert problems.for_field("recipient") == "Indirizzo e-mail “non-un-indirizzo” non valido."
    assert problems.for_field("subject") == "Scrivi l'oggetto del messaggio."
    messages = [p.message for p in problems.problems if p.field == "attachments"]
    assert messages == [
        "Libro degli aderenti non ha una copia firmata digitalmente.",
        "Un documento da allegare non è più nell'archivio.",
    ]
    assert workspace.outbox.rows() == []


def test_same_titles_get_unique_file_names_and_subject_is_one_line(workspace: Workspace) -> None:
    first = approved(workspace, DocumentKind.REGISTER)
    again = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))  # a draft
    row = workspace.outbox.compose(
        f"  {CENTRO.upper()} ",
        "Libro\n degli aderenti",
        "",
        [(first.id, False), (again.id, False), (first.id, False)],
    )
    assert row.attachments == ("libro-degli-aderenti-bozza.pdf", "libro-degli-aderenti-rev1.pdf")
    assert row.subject == "Libro degli aderenti"
    assert row.recipient.lower() == CENTRO


def test_delete_removes_an_unsent_message(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    workspace.outbox.delete(message_id)
    assert workspace.outbox.rows() == []
    # The documents are free again: a draft that was attached may be replaced.
    assert len(workspace.archive.rows()) == 2


def test_a_message_that_may_have_left_is_deleted_only_with_force(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    assert workspace.outbox._mark_sending(message_id, (PENDING,))
    with pytest.raises(MaybeSent) as refused:
        workspace.outbox.delete(message_id)
    assert "potrebbe essere già arrivato al Centro" in refused.value.message
    assert workspace.outbox.get(message_id).status == SENDING
    workspace.outbox.delete(message_id, force=True)
    assert workspace.outbox.rows() == []


def test_deleted_while_the_server_takes_it_is_logged_not_raised(
    workspace: Workspace, documents: list[ArchivedDocumentRow], caplog: pytest.LogCaptureFixture
) -> None:
    message_id = compose(workspace, documents)
    with smtp_server() as server:
        good = partial(send_message, settings=server.settings, password=None)

        def transport(message: EmailMessage) -> None:
            with pytest.raises(MaybeSent):  # the GUI asks first, then forces
                workspace.outbox.delete(message_id)
            workspace.outbox.delete(message_id, force=True)
            good(message)

        result = workspace.outbox.send(message_id, transport, sender=SENDER)
        assert len(server.received) == 1
    assert result.sent
    assert workspace.outbox.rows() == []
    assert f"Message {message_id} was deleted while being sent (ended as sent)" in caplog.text


def test_save_eml_from_the_outbox_and_from_a_draft(
    workspace: Workspace, documents: list[ArchivedDocumentRow], tmp_path: Path
) -> None:
    message_id = compose(workspace, documents)
    target = workspace.outbox.save_eml(message_id, tmp_path / "bozza.eml", sender=SENDER)
    parsed = email.message_from_bytes(target.read_bytes(), policy=default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["X-Unsent"] == "1"
    assert parsed["To"] == CENTRO and parsed["From"] == SENDER
    assert parsed["Message-ID"] == workspace.outbox.get(message_id).message_id
    assert attachments_of(parsed) == {
        "libro-degli-aderenti-rev1.pdf": workspace.archive.pdf(documents[0].id),
        "rendiconto-per-cassa-2026-rev1.pdf": workspace.archive.pdf(documents[1].id),
    }
    assert workspace.outbox.get(message_id).status == PENDING  # a copy: still to send

    draft = Draft(CENTRO, "Solo il libro", "Testo", [(documents[0].id, False)])
    other = workspace.outbox.save_eml(draft, tmp_path / "libro.eml")
    parsed = email.message_from_bytes(other.read_bytes(), policy=default)
    assert isinstance(parsed, EmailMessage)
    assert parsed["X-Unsent"] == "1" and parsed["From"] is None
    assert parsed["Subject"] == "Solo il libro"
    assert attachments_of(parsed) == {
        "libro-degli-aderenti-rev1.pdf": workspace.archive.pdf(documents[0].id)
    }
    assert len(workspace.outbox.rows()) == 1  # the draft was not put in the outbox


def test_sending_needs_a_valid_sender(
    workspace: Workspace, documents: list[ArchivedDocumentRow]
) -> None:
    message_id = compose(workspace, documents)
    with smtp_server() as server:
        transport = partial(send_message, settings=server.settings, password=None)
        for sender in ("", "segreteria@"):
            with pytest.raises(NotConfigured) as caught:
                workspace.outbox.send_pending(transport, sender=sender)
            assert "Preferenze › Posta" in caught.value.message
            with pytest.raises(NotConfigured):
                workspace.outbox.send(message_id, transport, sender=sender)
        assert server.received == []
    row = workspace.outbox.get(message_id)
    assert (row.status, row.attempts) == (PENDING, 0)
