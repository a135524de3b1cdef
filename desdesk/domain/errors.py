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
