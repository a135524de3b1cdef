"""The top of the minutes: the assembly (read-only), attendance, president and secretary."""

from __future__ import annotations

from datetime import time

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from desdesk.domain.assembly_rules import AttendanceCount, QuorumState, quorum_message
from desdesk.domain.enums import AssemblyKind, Call
from desdesk.i18n import _, format_date
from desdesk.schemas import MinutesInput, MinutesRead
from desdesk.services.minutes import MinutesHeading
from desdesk.ui.widgets.forms import Form


def _when(day: object, at: time | None) -> str:
    text = format_date(day)  # type: ignore[arg-type]
    return (
        text if at is None else _("{date} alle {time}").format(date=text, time=at.strftime("%H:%M"))
    )


def heading_text(heading: MinutesHeading) -> str:
    lines = [
        _("Assemblea {kind}").format(kind=AssemblyKind(heading.kind).label().lower()),
        _("Prima convocazione: {when}").format(
            when=_when(heading.first_call_date, heading.first_call_time)
        ),
    ]
    if heading.second_call_date is not None:
        lines.append(
            _("Seconda convocazione: {when}").format(
                when=_when(heading.second_call_date, heading.second_call_time)
            )
        )
    if heading.place:
        lines.append(_("Luogo: {place}").format(place=heading.place))
    return "\n".join(lines)


def attendance_text(count: AttendanceCount, quorum: QuorumState) -> str:
    summary = _(
        "{present} presenti ({primary} titolari, {substitute} supplenti), {represented} per "
        "delega, {justified} assenti giustificati, {absent} assenti, su {members} aderenti."
    ).format(
        present=count.present,
        primary=count.present_primary,
        substitute=count.present_substitute,
        represented=count.represented,
        justified=count.absent_justified,
        absent=count.absent,
        members=count.members,
    )
    return summary + "\n" + quorum_message(quorum)


class MinutesHeader(Form):
    """The header fields; `load` fills them from a revision."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.assembly = self.add("assembly", _("Assemblea"), QLabel())
        self.call = self.add("call_held", _("Convocazione valida"), QLabel())
        self.attendance = self.add("attendance", _("Presenze"), QLabel())
        for label in (self.assembly, self.call, self.attendance):
            label.setWordWrap(True)
        self.how_convened = self.add("how_convened", _("Modalità di convocazione"), QLineEdit())
        self.president = self.add("president", _("Presidente"), QLineEdit())
        self.secretary = self.add("secretary", _("Segretario"), QLineEdit())
        self.opening = self.add("opening_notes", _("Apertura"), QPlainTextEdit())
        self.closing = self.add("closing_notes", _("Chiusura"), QPlainTextEdit())
        for editor in (self.opening, self.closing):
            editor.setFixedHeight(50)

    def show_assembly(
        self, heading: MinutesHeading, count: AttendanceCount, quorum: QuorumState
    ) -> None:
        self.assembly.setText(heading_text(heading))
        self.attendance.setText(attendance_text(count, quorum))

    def load(self, minutes: MinutesRead) -> None:
        call = Call(minutes.call_held).label()
        if minutes.deserted:
            call = _("{call}: assemblea deserta (quorum non raggiunto)").format(call=call)
        if minutes.call_held == Call.SECOND.value:
            call += "\n" + _(
                "Prima convocazione andata deserta per mancanza del numero legale; "
                "l'assemblea si tiene in seconda convocazione."
            )
        self.call.setText(call)
        data = minutes.data
        self.how_convened.setText(data.how_convened)
        self.president.setText(data.president)
        self.secretary.setText(data.secretary)
        self.opening.setPlainText(data.opening_notes)
        self.closing.setPlainText(data.closing_notes)

    def read(self) -> MinutesInput:
        return MinutesInput(
            president=self.president.text(),
            secretary=self.secretary.text(),
            how_convened=self.how_convened.text(),
            opening_notes=self.opening.toPlainText(),
            closing_notes=self.closing.toPlainText(),
        )

    def set_read_only(self, read_only: bool) -> None:
        for editor in (self.how_convened, self.president, self.secretary):
            editor.setReadOnly(read_only)
        self.opening.setReadOnly(read_only)
        self.closing.setReadOnly(read_only)
