"""The district's documents as PDF: gather the read-models, render, save safely.

The report modules (and reportlab with them) are imported on first use: they cost a
noticeable fraction of a second, which the window should not pay at start-up.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _
from desdesk.reports.titles import contacts_title, register_title
from desdesk.services.district import DistrictService
from desdesk.services.members import MembersService
from desdesk.services.referents import ReferentsService

REGISTER = "register"
CONTACTS = "contacts"
KINDS = (REGISTER, CONTACTS)


class DocumentWriteError(DesdeskError):
    """The PDF could not be written where the user asked; any previous file is intact."""


class DocumentsService:
    """Builds the documents from what the other services return; owns no session."""

    def __init__(
        self,
        district: DistrictService,
        members: MembersService,
        referents: ReferentsService,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._district = district
        self._members = members
        self._referents = referents
        self._today = today

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

    def pdf(self, kind: str) -> bytes:
        """The document named by `kind` (one of KINDS)."""
        builders = {REGISTER: self.register_pdf, CONTACTS: self.contacts_pdf}
        if kind not in builders:
            raise ValueError(f"unknown document: {kind}")
        return builders[kind]()

    @staticmethod
    def title(kind: str) -> str:
        """The document's title, in the current language."""
        titles = {REGISTER: register_title, CONTACTS: contacts_title}
        return titles[kind]()

    @staticmethod
    def save_pdf(data: bytes, path: Path) -> None:
        """Write `data` to `path` atomically: the file is whole, or untouched.

        The bytes go to a temporary file beside `path`, are flushed to disk, and only
        then replace `path`; a failure at any point removes the temporary file and
        leaves a previous `path` as it was.
        """
        path = Path(path)
        try:
            _write_atomically(data, path)
        except OSError as exc:
            raise DocumentWriteError(
                _("Non riesco a salvare {path}: {reason}").format(path=path, reason=_reason(exc))
            ) from exc


def _reason(exc: OSError) -> str:
    """The usual causes in the user's language; the system's words for the rest."""
    reasons = {
        errno.ENOENT: _("la cartella non esiste"),
        errno.EACCES: _("non hai il permesso di scrivere lì"),
        errno.EPERM: _("non hai il permesso di scrivere lì"),
        errno.ENOSPC: _("il disco è pieno"),
        errno.EROFS: _("il disco è di sola lettura"),
        errno.EISDIR: _("esiste già una cartella con quel nome"),
    }
    if exc.errno in reasons:
        return reasons[exc.errno]
    return os_error_reason(exc)


def _write_atomically(data: bytes, path: Path) -> None:
    mode = path.stat().st_mode & 0o777 if path.is_file() else 0o644
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            temp.chmod(mode)  # mkstemp makes it private; a PDF is an ordinary file
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
