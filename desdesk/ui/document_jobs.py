"""Building a document (Documenti's cards, Assemblee's menu) as a long job.

The PDF is laid out on a pool thread (`desdesk.ui.long_job`), so a 5,000-member
register or an annual report never freezes the window; Annulla stops the layout at its
next page or table chunk, before anything is stored, so a cancelled document leaves no
draft in the archive. Once laid out, it is stored and read back in the same job.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from desdesk.document_schemas import ArchivedDocumentRow, DocumentRequest
from desdesk.i18n import _
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.long_job import Cancelled, run_long_job


def generate_document(
    parent: QWidget, workspace: Workspace, request: DocumentRequest
) -> tuple[ArchivedDocumentRow, bytes] | None:
    """The new draft and its bytes; None if the user cancelled or it failed (told)."""

    def work() -> tuple[ArchivedDocumentRow, bytes]:
        row = workspace.catalog.generate(request)
        return row, workspace.archive.pdf(row.id)

    try:
        return run_long_job(
            parent,
            work,
            title=request.kind.label,
            label=_("Preparazione del PDF «{title}»…").format(title=request.kind.label),
        )
    except Cancelled:
        return None
    except Exception as exc:
        show_error(parent, exc)
        return None
