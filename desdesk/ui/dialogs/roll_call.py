"""The roll call at the meeting, made for the keyboard.

Arrows move; digits set the current member's status (1 presente titolare, 2 presente
supplente, 3 delega, 4 assente giustificato, 5 assente, 0 or Delete clears) and the
cursor moves on. Every status is saved at once in its own durable transaction; only the
changed row and the counter are redrawn.
"""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.assembly_rules import PRESENT_STATUSES, AttendanceCount, QuorumState
from desdesk.domain.enums import AttendanceStatus, Call
from desdesk.i18n import _, format_date, ngettext
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.roll_call_parts import GuestsPanel, ProxyHolderDialog
from desdesk.ui.errors import show_error
from desdesk.ui.models.roll_call import RollCallModel
from desdesk.ui.models.rows import SearchProxy
from desdesk.ui.widgets.forms import combo_with, select_data
from desdesk.ui.widgets.tables import make_table

KEY_STATUS: dict[int, AttendanceStatus | None] = {
    Qt.Key.Key_1: AttendanceStatus.PRESENT_PRIMARY,
    Qt.Key.Key_2: AttendanceStatus.PRESENT_SUBSTITUTE,
    Qt.Key.Key_3: AttendanceStatus.PROXY,
    Qt.Key.Key_4: AttendanceStatus.ABSENT_JUSTIFIED,
    Qt.Key.Key_5: AttendanceStatus.ABSENT,
    Qt.Key.Key_0: None,
    Qt.Key.Key_Delete: None,
}

DIGIT_KEYS = {str(n): getattr(Qt.Key, f"Key_{n}") for n in range(6)}
STATUS_BUTTONS = [(d, KEY_STATUS[DIGIT_KEYS[d]]) for d in ("1", "2", "3", "4", "5", "0")]


def counter_text(count: AttendanceCount, quorum: QuorumState, call: Call) -> str:
    """E.g. "Presenti 12 (10 titolari, 2 supplenti) · Rappresentati 3 · Quorum prima
    convocazione: 15 su 14 richiesti — raggiunto"."""
    primary = ngettext("{n} titolare", "{n} titolari", count.present_primary).format(
        n=count.present_primary
    )
    substitute = ngettext("{n} supplente", "{n} supplenti", count.present_substitute).format(
        n=count.present_substitute
    )
    present = _("Presenti {n} ({primary}, {substitute})").format(
        n=count.present, primary=primary, substitute=substitute
    )
    represented = _("Rappresentati {n}").format(n=count.represented)
    label = (
        _("Quorum prima convocazione") if call is Call.FIRST else _("Quorum seconda convocazione")
    )
    if quorum.reached:
        outcome = _("raggiunto")
    else:
        outcome = ngettext("manca {n}", "mancano {n}", quorum.missing).format(n=quorum.missing)
    state = ngettext(
        "{label}: {counted} su {required} richiesto — {outcome}",
        "{label}: {counted} su {required} richiesti — {outcome}",
        quorum.required,
    ).format(label=label, counted=quorum.counted, required=quorum.required, outcome=outcome)
    return " · ".join((present, represented, state))


class RollCallDialog(QDialog):
    def __init__(self, workspace: Workspace, assembly_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.workspace = workspace
        self.assembly_id = assembly_id
        header = workspace.attendance.header(assembly_id)
        self.model = RollCallModel(self)
        self._load_roll_call()
        self.table = make_table(self.model, self)
        for column, width in enumerate((280, 170, 170, 170)):  # the rest: "Delega a"
            self.table.setColumnWidth(column, width)
        proxy = self.table.model()
        assert isinstance(proxy, SearchProxy)
        self.proxy: SearchProxy = proxy
        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Cerca aderente o referente…"))
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self.table.setFocus)
        self.call = combo_with([(c.label(), c) for c in Call])
        select_data(self.call, Call(header.call_held) if header.call_held else Call.FIRST)
        self.call.currentIndexChanged.connect(self._call_changed)
        self.start_button = QPushButton(_("Inizia"))
        self.end_button = QPushButton(_("Termina"))
        self.start_button.clicked.connect(self.start)
        self.end_button.clicked.connect(self.end)
        self.times = QLabel()
        self._show_times(header.started_at, header.ended_at)
        self.counter = QLabel()
        self.counter.setWordWrap(True)
        self.has_second_call = header.has_second_call
        self.second_call_button = QPushButton(_("Passa alla seconda convocazione"))
        self.second_call_button.setToolTip(
            _(
                "La prima convocazione resta senza quorum: il verbale la registrerà come "
                "assemblea deserta."
            )
        )
        self.second_call_button.clicked.connect(lambda: select_data(self.call, Call.SECOND))
        self._saved_call = self.selected_call()
        self.guests = GuestsPanel(workspace, assembly_id, self)
        self.status_buttons: list[QPushButton] = []
        self._layout()
        self.table.installEventFilter(self)
        self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.table.setFocus()
        self.refresh_counter()
        # Enter confirms the search or a guest, never closes the dialog or clicks a button.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
            button.setDefault(False)
        self.resize(1180, 760)

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(QLabel(_("Convocazione:")))
        bar.addWidget(self.call)
        bar.addWidget(self.start_button)
        bar.addWidget(self.end_button)
        bar.addWidget(self.times, 1)
        keys = QHBoxLayout()
        for digit, status in STATUS_BUTTONS:
            label = status.label() if status is not None else _("Cancella")
            button = QPushButton(f"{digit} · {label}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the keyboard
            button.setProperty("digit", digit)
            button.clicked.connect(self._status_clicked)
            self.status_buttons.append(button)
            keys.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 3)
        layout.addLayout(keys)
        counter_row = QHBoxLayout()
        counter_row.addWidget(self.counter, 1)
        counter_row.addWidget(self.second_call_button)
        layout.addLayout(counter_row)
        layout.addWidget(self.guests, 1)
        layout.addWidget(buttons)

    # -- keyboard ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in KEY_STATUS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self.record(KEY_STATUS[event.key()])
            return True
        return super().eventFilter(watched, event)

    def _status_clicked(self) -> None:
        button = self.sender()
        digit = button.property("digit") if button is not None else None
        self.record(KEY_STATUS[DIGIT_KEYS[str(digit)]])

    def current_member(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.row_at(source.row()).member_id

    def record(self, status: AttendanceStatus | None) -> bool:
        """Save `status` for the current member; on success move to the next row."""
        member_id = self.current_member()
        if member_id is None:
            return False
        holder = None
        if status is AttendanceStatus.PROXY:
            holder = self._ask_holder(member_id)
            if holder is None:
                return False
        try:
            self.workspace.attendance.set_status(self.assembly_id, member_id, status, holder)
        except Exception as exc:
            show_error(self, exc, _("Stato non registrato"))
            return False
        self.model.set_status(member_id, status.value if status else None, holder)
        self.refresh_counter()
        self._next_row()
        return True

    def _ask_holder(self, member_id: int) -> int | None:
        rows = self.model.rows()
        present = {s.value for s in PRESENT_STATUSES}
        candidates = [
            (r.member_id, r.member_name)
            for r in rows
            if r.status in present and r.member_id != member_id
        ]
        giver = rows[self.model.row_of(member_id)].member_name
        dialog = ProxyHolderDialog(giver, candidates, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.holder_id()

    def _next_row(self) -> None:
        index = self.table.currentIndex()
        below = self.proxy.index(index.row() + 1, index.column(), QModelIndex())
        if below.isValid():
            self.table.setCurrentIndex(below)

    def _search(self, text: str) -> None:
        self.proxy.set_text(text)
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    # -- counter and times ---------------------------------------------------------------
    def selected_call(self) -> Call:
        call = self.call.currentData()
        return Call(call) if call else Call.FIRST

    def _call_changed(self, _index: int) -> None:
        """Save the call being held; its day decides who is in the roll call."""
        call = self.selected_call()
        if call is self._saved_call:
            return
        try:
            self.workspace.attendance.set_call(self.assembly_id, call)
        except Exception as exc:
            show_error(self, exc, _("Convocazione non registrata"))
            self.call.blockSignals(True)
            select_data(self.call, self._saved_call)
            self.call.blockSignals(False)
            return
        self._saved_call = call
        self._load_roll_call()
        if not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))
        self.refresh_counter()

    def _load_roll_call(self) -> None:
        header = self.workspace.attendance.header(self.assembly_id)
        self.setWindowTitle(
            _("Appello dell'assemblea del {date}").format(date=format_date(header.day))
        )
        self.model.set_rows(self.workspace.attendance.roll_call(self.assembly_id))

    def refresh_counter(self) -> None:
        try:
            count, quorum = self.workspace.attendance.count(self.assembly_id, self.selected_call())
        except Exception as exc:
            show_error(self, exc)
            return
        self.counter.setText(counter_text(count, quorum, self.selected_call()))
        # The first call failed? Offer the second (the minutes will record a deserted first).
        self.second_call_button.setVisible(
            self.has_second_call and self.selected_call() is Call.FIRST and not quorum.reached
        )

    def start(self) -> None:
        now = datetime.now().time().replace(second=0, microsecond=0)
        try:
            self.workspace.attendance.start(self.assembly_id, self.selected_call(), now)
        except Exception as exc:
            show_error(self, exc)
            return
        self._reload_times()

    def end(self) -> None:
        now = datetime.now().time().replace(second=0, microsecond=0)
        try:
            self.workspace.attendance.end(self.assembly_id, now)
        except Exception as exc:
            show_error(self, exc)
            return
        self._reload_times()

    def _reload_times(self) -> None:
        header = self.workspace.attendance.header(self.assembly_id)
        self._show_times(header.started_at, header.ended_at)

    def _show_times(self, started: time | None, ended: time | None) -> None:
        parts = []
        if started is not None:
            parts.append(_("Inizio {time}").format(time=started.strftime("%H:%M")))
        if ended is not None:
            parts.append(_("Fine {time}").format(time=ended.strftime("%H:%M")))
        self.times.setText(" · ".join(parts))
