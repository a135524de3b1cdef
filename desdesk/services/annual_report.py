"""Rendicontazione annuale (issue 6) — being written; see /tmp/briefs/annual.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace


class AnnualReportService:
    def __init__(self, workspace: Workspace) -> None:
        self._ws = workspace

    def pdf(self, year: int) -> bytes:
        raise NotImplementedError
