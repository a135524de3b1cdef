"""Accordo volontario di costituzione: the editable template and the PDF built from it.

The user's text lives in `document_template` (kind "agreement"); without one the
default text is used. Any text is checked before it is stored or printed: an unknown
placeholder or a brace left open is refused with the placeholder and the line named.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from desdesk.db.document_models import DocumentTemplate
from desdesk.domain.agreement_template import (
    check_template,
    default_template,
    fill,
    placeholder_descriptions,
)
from desdesk.domain.documents import DocumentKind
from desdesk.services.agreement_data import PartiesReader, gather_values
from desdesk.services.base import Service

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

KIND = DocumentKind.AGREEMENT.value


class AgreementService(Service):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.sessions)
        self._ws = workspace
        self._parties = PartiesReader(workspace.sessions)

    # -- the template --------------------------------------------------------------------

    def template(self) -> str:
        """The district's text, or the default one when none was saved."""
        with self._reading() as session:
            stored = session.get(DocumentTemplate, KIND)
            return stored.body if stored is not None else default_template()

    def is_default(self) -> bool:
        return self.template() == default_template()

    def save_template(self, text: str) -> None:
        """Store `text` (checked first: ValidationFailed names each problem)."""
        check_template(text)
        with self._unit_of_work() as session:
            stored = session.get(DocumentTemplate, KIND)
            if stored is None:
                session.add(DocumentTemplate(kind=KIND, body=text))
            else:
                stored.body = text
                stored.updated_at = datetime.now(UTC)

    def reset_template(self) -> None:
        """Back to the default text (the saved one is forgotten)."""
        with self._unit_of_work() as session:
            stored = session.get(DocumentTemplate, KIND)
            if stored is not None:
                session.delete(stored)

    @staticmethod
    def placeholders() -> dict[str, str]:
        """Every placeholder the template may use, with what it is filled with."""
        return placeholder_descriptions()

    # -- the document --------------------------------------------------------------------

    def values(self, today: date | None = None) -> dict[str, str]:
        """The text of every placeholder; "" where the district holds nothing."""
        return gather_values(self._ws, self._parties.active(), today or date.today())

    def pdf(self, template: str | None = None, today: date | None = None) -> bytes:
        """The agreement as PDF, from `template` (an unsaved text, for the live preview)
        or the stored one; either is checked first."""
        from desdesk.reports.agreement import agreement_pdf

        text = self.template() if template is None else template
        check_template(text)
        day = today or date.today()
        records = self._parties.active()
        blocks = fill(text, gather_values(self._ws, records, day))
        return agreement_pdf(
            self._ws.district.profile(),
            blocks,
            [record.party for record in records],
            generated_on=day,
        )
