"""The member register in the GUI: dialog validation, search, filters, withdrawal."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from desdesk.domain.enums import Nature
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.member_dialog import MemberDialog
from desdesk.ui.dialogs.withdraw_dialog import WithdrawDialog
from desdesk.ui.sections.members import MembersSection
from desdesk.ui.widgets.forms import select_data
from tests.factories import VALID_ORG_CODES


def _fill_member(qtbot, dialog: MemberDialog, name: str, tax_code: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(dialog.name_edit, name)
    select_data(dialog.legal_form, "associazione")
    dialog.tax_code.clear()
    qtbot.keyClicks(dialog.tax_code, tax_code)


def test_invalid_then_valid_tax_code(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(workspace)
    qtbot.addWidget(dialog)
    _fill_member(qtbot, dialog, "Associazione Il Ponte", "00743110158")
    dialog.tax_code.editingFinished.emit()
    assert "non valido" in dialog.form.error_text("tax_code")
    dialog.save()
    assert dialog.result() == 0
    assert workspace.members.list_rows() == []

    dialog.tax_code.clear()
    qtbot.keyClicks(dialog.tax_code, " it 00743110157 ")
    dialog.tax_code.editingFinished.emit()
    assert dialog.form.error_text("tax_code") == ""
    dialog.save()
    assert dialog.result() == 1
    (row,) = workspace.members.list_rows()
    assert (row.name, row.tax_code, row.nature) == (
        "Associazione Il Ponte", "00743110157", Nature.PRIVATE_NON_PROFIT.value,
    )  # fmt: skip


def test_duplicate_tax_code_names_the_holder(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(populated)
    qtbot.addWidget(dialog)
    _fill_member(qtbot, dialog, "Doppione", VALID_ORG_CODES[0])
    dialog.save()
    assert dialog.result() == 0
    assert "Cooperativa Sociale La Rete" in dialog.form.error_text("tax_code")
    assert len(populated.members.list_rows()) == 4


def test_new_member_with_bad_referent_email_writes_nothing(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(workspace)
    qtbot.addWidget(dialog)
    _fill_member(qtbot, dialog, "GAS Rovereto Sud", VALID_ORG_CODES[1])
    qtbot.keyClicks(dialog.ref_first, "Sara")
    qtbot.keyClicks(dialog.ref_last, "Fontana")
    qtbot.keyClicks(dialog.ref_email, "sara@@example")
    dialog.save()
    assert dialog.result() == 0
    assert "non valido" in dialog.referent_form.error_text("email")
    assert dialog.tabs.currentIndex() == 3
    assert workspace.members.list_rows() == []


def test_search_as_you_type_and_filters(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = MembersSection(populated)
    qtbot.addWidget(section)
    assert section.proxy.rowCount() == 4
    qtbot.keyClicks(section.search, "dallap")  # a referent's surname
    assert section.proxy.rowCount() == 1
    assert section.proxy.index(0, 0).data() == "Associazione Terre Alte"
    section.search.clear()
    qtbot.keyClicks(section.search, "mori")  # comune and name
    assert section.proxy.rowCount() == 1
    section.search.clear()
    qtbot.keyClicks(section.search, VALID_ORG_CODES[3][:6])  # codice fiscale
    assert section.proxy.rowCount() == 1
    section.search.clear()
    select_data(section.nature, Nature.PUBLIC.value)
    assert [section.proxy.index(r, 0).data() for r in range(section.proxy.rowCount())] == [
        "Comune di Mori"
    ]
    select_data(section.nature, "")
    select_data(section.legal_form, "aps")
    assert section.proxy.rowCount() == 1
    assert "1 aderente mostrato su 4" in section.count_label.text()


def test_withdraw_keeps_member_as_former(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = MembersSection(populated)
    qtbot.addWidget(section)
    section.select_member(
        next(r.id for r in populated.members.list_rows() if r.name == "Comune di Mori")
    )
    row = section._selected_row()
    assert row is not None
    dialog = WithdrawDialog(populated, row.id, row.name)
    qtbot.addWidget(dialog)
    dialog.save()  # reason missing
    assert dialog.result() == 0
    assert "motivo" in dialog.form.error_text("leave_reason")
    qtbot.keyClicks(dialog.reason, "Recesso deliberato dalla giunta")
    dialog.save()
    assert dialog.result() == 1
    section.refresh()
    assert section.proxy.rowCount() == 3  # active only by default
    select_data(section.status, "former")
    assert section.proxy.index(0, 0).data() == "Comune di Mori"
    assert "uscito il" in section.proxy.index(0, 9).data()


def test_delete_asks_and_removes(qtbot, populated: Workspace, answer_yes: list[str]) -> None:  # type: ignore[no-untyped-def]
    section = MembersSection(populated)
    qtbot.addWidget(section)
    section.table.selectRow(0)
    name = section.proxy.index(0, 0).data()
    section.delete_selected()
    assert name in answer_yes[0]
    assert name not in [r.name for r in populated.members.list_rows()]


def test_sorting_by_column_keeps_selection(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = MembersSection(populated)
    qtbot.addWidget(section)
    section.table.selectRow(0)
    selected = section.selected_id()
    section.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # comune
    comuni = [section.proxy.index(r, 4).data() for r in range(4)]
    assert comuni == sorted(comuni, reverse=True)
    assert section.selected_id() == selected


def test_member_dialog_edits_existing(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    member = populated.members.list_rows()[0]
    dialog = MemberDialog(populated, member.id)
    qtbot.addWidget(dialog)
    assert dialog.name_edit.text() == member.name
    phone = dialog.form.editors["phone"]
    assert isinstance(phone, QLineEdit)
    qtbot.keyClicks(phone, "0464 123456")
    dialog.save()
    assert dialog.result() == 1
    assert populated.members.get(member.id).data.phone == "+39 0464 123456"


def test_a_wrong_date_is_flagged_when_leaving_the_field(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.joined_on, "31/04/2025")
    dialog.joined_on.editingFinished.emit()
    assert "non esiste" in dialog.form.error_text("joined_on")
    dialog.joined_on.setText("30/04/2025")
    dialog.joined_on.editingFinished.emit()
    assert dialog.form.error_text("joined_on") == ""


def test_tab_moves_through_the_fields_in_order(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(workspace)
    qtbot.addWidget(dialog)
    dialog.show()
    order = [dialog.name_edit, dialog.legal_form, dialog.nature, dialog.tax_code]
    order[0].setFocus()
    for current, following in itertools.pairwise(order):
        assert _next_focusable(current) is following
    assert dialog.notes.tabChangesFocus()


def _next_focusable(widget):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt as _Qt

    candidate = widget.nextInFocusChain()
    while not (candidate.focusPolicy() & _Qt.FocusPolicy.TabFocus and candidate.isEnabled()):
        candidate = candidate.nextInFocusChain()
    return candidate
