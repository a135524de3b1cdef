"""Errors that carry a message for the user (already translated)."""

from __future__ import annotations

from dataclasses import dataclass


class DesdeskError(Exception):
    """An expected failure whose message can be shown to the user as it is."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """What is wrong with one field: `field` is the code name, `message` the user's text."""

    field: str
    message: str


class InvalidValue(DesdeskError):
    """A single value that cannot be accepted; the caller knows which field it was."""


class ValidationFailed(DesdeskError):
    """One or more fields of a record are invalid; nothing was written."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems

    def for_field(self, field: str) -> str | None:
        return next((p.message for p in self.problems if p.field == field), None)


class NotFound(DesdeskError):
    """The record asked for does not exist (any more)."""


class Conflict(DesdeskError):
    """The change would break a rule about other records (e.g. a duplicate codice fiscale)."""


class NeedsConfirmation(DesdeskError):
    """The change is allowed but unusual (e.g. a payment larger than the fee due): the
    message says why; the caller asks the user and repeats the call with its `confirm`
    argument set."""


def os_error_reason(exc: OSError) -> str:
    """Why a file operation failed, in the user's language (the OS says it in English)."""
    import errno

    from desdesk.i18n import _

    reasons = {
        errno.ENOENT: _("il file o la cartella non esiste"),
        errno.EACCES: _("non hai il permesso di accedervi"),
        errno.EPERM: _("non hai il permesso di accedervi"),
        errno.EISDIR: _("è una cartella, non un file"),
        errno.ENOTDIR: _("il percorso non è una cartella"),
        errno.ENOSPC: _("il disco è pieno"),
        errno.EROFS: _("il disco è in sola lettura"),
        errno.EEXIST: _("esiste già"),
        errno.ENAMETOOLONG: _("il nome è troppo lungo"),
    }
    # Windows: another program (a PDF viewer, Excel) has the file open.
    if getattr(exc, "winerror", None) in (32, 33):
        return _("il file è aperto in un altro programma: chiudilo e riprova")
    return reasons.get(exc.errno or 0, _("errore del sistema ({code})").format(code=exc.errno))
