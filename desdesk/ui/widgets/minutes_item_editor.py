"""One agenda item in the minutes: discussion, resolution, votes and tasks assigned."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.assembly_rules import MAJORITY_RANGE, VOTE_FIELDS, unanimous_votes
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.schemas import MinutesItemInput, TaskRead
from desdesk.services.minutes_tasks import ItemTask
from desdesk.ui.widgets.forms import Form
from desdesk.ui.widgets.minutes_tasks_editor import ItemTasksEditor

_NO_VALUE = -1  # the spin boxes' "—": no votes recorded


def _vote_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(_NO_VALUE, 99999)
    box.setSpecialValueText("—")
    box.setValue(_NO_VALUE)
    return box


def _value(box: QSpinBox) -> int | None:
    return None if box.value() == box.minimum() else box.value()


def _set(box: QSpinBox, value: int | None) -> None:
    box.setValue(box.minimum() if value is None else value)


class MinutesItemEditor(QGroupBox):
    """The panel of item `number` (1-based); `voters` is who may vote at the call held."""

    def __init__(
        self,
        number: int,
        voters: int,
        members: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Punto {n}").format(n=number), parent)
        self.voters = voters
        self.form = Form()
        self.title_edit = self.form.add("title", _("Titolo *"), QLineEdit())
        self.discussion = self.form.add("discussion", _("Discussione"), QPlainTextEdit())
        self.resolution = self.form.add("resolution", _("Delibera"), QPlainTextEdit())
        for editor in (self.discussion, self.resolution):
            editor.setFixedHeight(70)
        self.votes_for, self.votes_against, self.votes_abstained = (_vote_box() for _ in range(3))
        self.unanimous = QPushButton(_("All'unanimità"))
        self.unanimous.clicked.connect(self.fill_unanimous)
        self.form.add("votes_for", _("Voti"), self._votes_row())
        self.majority = self.form.add("required_majority_percent", _("Maggioranza"), QSpinBox())
        self.majority.setRange(MAJORITY_RANGE[0] - 1, MAJORITY_RANGE[1])
        self.majority.setSpecialValueText(_("semplice"))
        self.majority.setSuffix(" %")
        self.majority.setValue(self.majority.minimum())
        self.tasks_editor = self.form.add("tasks", _("Compiti assegnati"), ItemTasksEditor(members))
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)

    def _votes_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        for caption, box in (
            (_("favorevoli"), self.votes_for),
            (_("contrari"), self.votes_against),
            (_("astenuti"), self.votes_abstained),
        ):
            label = QLabel(caption)
            label.setBuddy(box)
            line.addWidget(box)
            line.addWidget(label)
        line.addWidget(self.unanimous)
        line.addStretch(1)
        return row

    def fill_unanimous(self) -> None:
        boxes = (self.votes_for, self.votes_against, self.votes_abstained)
        for box, value in zip(boxes, unanimous_votes(self.voters), strict=True):
            box.setValue(value)

    def load(self, item: MinutesItemInput, tasks: Sequence[TaskRead]) -> None:
        self.title_edit.setText(item.title)
        self.discussion.setPlainText(item.discussion)
        self.resolution.setPlainText(item.resolution)
        _set(self.votes_for, item.votes_for)
        _set(self.votes_against, item.votes_against)
        _set(self.votes_abstained, item.votes_abstained)
        _set(self.majority, item.required_majority_percent)
        self.tasks_editor.set_tasks(tasks)

    def item_input(self) -> MinutesItemInput:
        return MinutesItemInput(
            title=self.title_edit.text(),
            discussion=self.discussion.toPlainText(),
            resolution=self.resolution.toPlainText(),
            votes_for=_value(self.votes_for),
            votes_against=_value(self.votes_against),
            votes_abstained=_value(self.votes_abstained),
            required_majority_percent=_value(self.majority),
        )

    def tasks(self, problems: list[FieldProblem]) -> list[ItemTask]:
        return self.tasks_editor.tasks(problems)

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Problems named after this item's fields ("votes_for", "tasks.0.member_id"...)."""
        fields = []
        for problem in problems:
            field = "votes_for" if problem.field in VOTE_FIELDS else problem.field
            fields.append(FieldProblem(field, problem.message))
        self.form.show_problems([p for p in fields if not p.field.startswith("tasks.")])
        self.tasks_editor.show_problems([p for p in fields if p.field.startswith("tasks.")])

    def set_read_only(self, read_only: bool) -> None:
        self.title_edit.setReadOnly(read_only)
        self.discussion.setReadOnly(read_only)
        self.resolution.setReadOnly(read_only)
        for box in (self.votes_for, self.votes_against, self.votes_abstained, self.majority):
            box.setReadOnly(read_only)
        self.unanimous.setVisible(not read_only)
        self.tasks_editor.set_read_only(read_only)
