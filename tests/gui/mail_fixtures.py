"""Shared by the compose and outbox GUI tests: archived documents, preferences for a
loopback server, a keyring in memory (the real one is never touched)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import keyring

from desdesk import settings
from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind
from desdesk.services.workspace import Workspace
from tests.smtp_servers import Handler, MemoryKeyring

CENTRO = "centro.economiasolidale@provincia.tn.it"
SENDER = "segreteria@desvallagarina.it"


@contextmanager
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A keyring in memory for the block; the previous backend comes back after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


def archive_documents(workspace: Workspace) -> list[ArchivedDocumentRow]:
    """The member register and the 2026 budget, approved; the contacts as a draft."""
    approval = Approval("Anna Rossi", "Coordinatrice", date(2026, 11, 26))
    register = workspace.catalog.generate(DocumentRequest(DocumentKind.REGISTER))
    budget = workspace.catalog.generate(DocumentRequest(DocumentKind.BUDGET, year=2026))
    workspace.catalog.generate(DocumentRequest(DocumentKind.CONTACTS))
    return [
        workspace.archive.approve(register.id, approval),
        workspace.archive.approve(budget.id, approval),
    ]


def mail_prefs(server: Handler | None = None) -> settings.Preferences:
    prefs = settings.Preferences(secretary_name="Giulia Bertolini", centro_email=CENTRO)
    if server is not None:
        prefs.sender_email = SENDER
        prefs.smtp_host = server.settings.host
        prefs.smtp_port = server.settings.port
        prefs.smtp_security = server.settings.security
        prefs.smtp_user = server.settings.user
    return prefs
