"""The district's documents as PDF: gather the read-models, render, save safely.

The report modules (and reportlab with them) are imported on first use: they cost a
noticeable fraction of a second, which the window should not pay at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desdesk.atomic import atomic_write
from desdesk.db.files import is_database_or_side_file
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _
from desdesk.reports.titles import (
    attendance_title,
    contacts_title,
    convocation_title,
    minutes_title,
    notice_title,
    register_title,
)
from desdesk.services.district import DistrictService
from desdesk.services.members import MembersService
from desdesk.services.referents import ReferentsService

if TYPE_CHECKING:  # the assembly services import this module's DocumentWriteError
    from desdesk.services.assembly_documents import AssemblyDocumentReads

REGISTER = "register"
CONTACTS = "contacts"
KINDS = (REGISTER, CONTACTS)
# Documents of one assembly (they need its id) and of a period.
CONVOCATION = "convocation"
NOTICE = "notice"
MINUTES = "minutes"
ATTENDANCE = "attendance"
ASSEMBLY_KINDS = (CONVOCATION, NOTICE, MINUTES)


class DocumentWriteError(DesdeskError):
    """The PDF could not be written where the user asked; any previous file is intact."""


class DocumentsService:
    """Builds the documents from what the other services return; owns no session."""

    def __init__(
        self,
        district: DistrictService,
        members: MembersService,
        referents: ReferentsService,
        *,
        today: Callable[[], date] = date.today,
        district_path: Path | None = None,
        assembly_reads: AssemblyDocumentReads | None = None,
    ) -> None:
        self._assembly_reads = assembly_reads
        self._district = district
        self._members = members
        self._referents = referents
        self._today = today
        self._district_path = district_path

    def register_pdf(self) -> bytes:
        """Libro degli aderenti: active members, then former ones."""
        from desdesk.reports.register import register_pdf

        return register_pdf(
            self._district.profile(), self._members.list_rows(), generated_on=self._today()
        )

    def contacts_pdf(self) -> bytes:
        """Contatti dei referenti of the active members."""
        from desdesk.reports.contacts import contacts_pdf

        return contacts_pdf(
            self._district.profile(),
            self._members.list_rows(),
            self._referents.list_all(),
            generated_on=self._today(),
        )

    def _reads(self) -> AssemblyDocumentReads:
        if self._assembly_reads is None:
            raise RuntimeError("DocumentsService built without the assembly services")
        return self._assembly_reads

    def convocation_letters_pdf(self, assembly_id: int) -> bytes:
        """Convocazione: one letter per active member, care of its primary referent."""
        from desdesk.reports.convocation import convocation_letters_pdf

        reads, today = self._reads(), self._today()
        assembly = reads.sources.assemblies.get(assembly_id)
        return convocation_letters_pdf(
            self._district.profile(),
            assembly,
            reads.recipients(),
            reads.signer(assembly.convened_on or today),
            generated_on=today,
        )

    def convocation_notice_pdf(self, assembly_id: int) -> bytes:
        """The general notice of convocation, for the members without e-mail."""
        from desdesk.reports.convocation import convocation_notice_pdf

        reads, today = self._reads(), self._today()
        assembly = reads.sources.assemblies.get(assembly_id)
        return convocation_notice_pdf(
            self._district.profile(),
            assembly,
            reads.signer(assembly.convened_on or today),
            generated_on=today,
        )

    def minutes_pdf(self, assembly_id: int, revision: int | None = None) -> bytes:
        """The Verbale of the assembly (its latest revision, or `revision`), with the
        foglio presenze."""
        from desdesk.reports.minutes import minutes_pdf

        document = self._reads().minutes_document(assembly_id, revision)
        return minutes_pdf(self._district.profile(), document, generated_on=self._today())

    def attendance_pdf(self, start: date | None = None, end: date | None = None) -> bytes:
        """Registro presenze of the assemblies held between `start` and `end`."""
        from desdesk.reports.attendance_register import attendance_register_pdf

        today = self._today()
        register = self._reads().attendance_register(start, end, today)
        return attendance_register_pdf(self._district.profile(), register, generated_on=today)

    def pdf(self, kind: str) -> bytes:
        """The document named by `kind` (one of KINDS)."""
        builders = {REGISTER: self.register_pdf, CONTACTS: self.contacts_pdf}
        if kind not in builders:
            raise ValueError(f"unknown document: {kind}")
        return builders[kind]()

    @staticmethod
    def title(kind: str) -> str:
        """The document's title, in the current language."""
        titles = {
            REGISTER: register_title,
            CONTACTS: contacts_title,
            CONVOCATION: convocation_title,
            NOTICE: notice_title,
            MINUTES: minutes_title,
            ATTENDANCE: attendance_title,
        }
        return titles[kind]()

    def check_target(self, path: Path) -> None:
        """Refuse, before anything is built or recorded, the district file as a target."""
        if self._district_path is not None and is_database_or_side_file(
            Path(path), self._district_path
        ):
            raise DocumentWriteError(
                _(
                    "Il documento non può sostituire il file del distretto {name}: "
                    "scegli un altro nome."
                ).format(name=self._district_path.name)
            )

    def save_pdf(self, data: bytes, path: Path) -> None:
        """Write `data` (a PDF, an export, an attachment) to `path`: whole, or not at all.

        The bytes replace `path` only once they are safely on disk (`desdesk.atomic`), so
        a failure leaves a previous `path` as it was. The open district file, and the
        files SQLite and desdesk keep beside it, are never a target.
        """
        path = Path(path)
        self.check_target(path)
        try:
            with atomic_write(path) as handle:
                handle.write(data)
        except OSError as exc:
            raise DocumentWriteError(
                _("Non riesco a salvare {path}: {reason}").format(
                    path=path, reason=os_error_reason(exc)
                )
            ) from exc
