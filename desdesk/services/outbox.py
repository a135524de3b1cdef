"""Posta in uscita verso il Centro (issue 6) — being written; see /tmp/briefs/mail.md."""

from __future__ import annotations

from desdesk.services.archive import ArchiveService
from desdesk.services.base import Service, SessionFactory


class OutboxService(Service):
    def __init__(self, sessions: SessionFactory, archive: ArchiveService) -> None:
        super().__init__(sessions)
        self._archive = archive
