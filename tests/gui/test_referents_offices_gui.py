"""Referents (replacement keeps history) and offices (assigning ends the previous term)."""

from __future__ import annotations

from datetime import date, timedelta

from desdesk.domain.enums import OfficeKind, ReferentKind
from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.office_dialog import OfficeDialog
from desdesk.ui.dialogs.referent_dialog import ReferentDialog, ReferentMode
from desdesk.ui.sections.offices import OfficesSection
from desdesk.ui.sections.referents import ReferentsSection
from desdesk.ui.widgets.forms import select_data


def _select_referent(section: ReferentsSection, surname: str) -> None:
    proxy = section.table.model()
    for row in range(proxy.rowCount()):
        if surname in proxy.index(row, 2).data():
            section.table.selectRow(row)
            return
    raise AssertionError(surname)


def test_replace_referent_keeps_history(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = ReferentsSection(populated)
    qtbot.addWidget(section)
    _select_referent(section, "Zeni")
    current = section.selected()
    assert current is not None and current.member_name == "Comune di Mori"
    assert section.replace_button.isEnabled()

    dialog = ReferentDialog(populated, ReferentMode.REPLACE, current)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.first_name, "Paolo")
    dialog.save()  # surname missing
    assert dialog.result() == 0
    assert "cognome" in dialog.form.error_text("last_name").lower()
    qtbot.keyClicks(dialog.last_name, "Gasperotti")
    qtbot.keyClicks(dialog.email, "paolo.gasperotti@comune.mori.example.it")
    dialog.since.setText("01/11/2026")
    dialog.save()
    assert dialog.result() == 1

    history = populated.referents.history(current.member_id)
    assert [(r.full_name, r.end_date) for r in history] == [
        ("Paolo Gasperotti", None),
        ("Anna Zeni", date(2026, 11, 1)),
    ]
    section.refresh()
    names = {
        section.table.model().index(r, 2).data() for r in range(section.table.model().rowCount())
    }
    assert "Paolo Gasperotti" in names and "Anna Zeni" not in names
    section.show_past.setChecked(True)
    names = {
        section.table.model().index(r, 2).data() for r in range(section.table.model().rowCount())
    }
    assert {"Paolo Gasperotti", "Anna Zeni"} <= names


def test_add_substitute_and_search(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = ReferentsSection(populated)
    qtbot.addWidget(section)
    dialog = ReferentDialog(populated, ReferentMode.NEW)
    qtbot.addWidget(dialog)
    select_data(
        dialog.member,
        next(r.id for r in populated.members.list_rows() if r.name == "Associazione Terre Alte"),
    )
    select_data(dialog.kind, ReferentKind.SUBSTITUTE.value)
    qtbot.keyClicks(dialog.first_name, "Chiara")
    qtbot.keyClicks(dialog.last_name, "Tomasi")
    qtbot.keyClicks(dialog.phone, "333 1234567")
    dialog.save()
    assert dialog.result() == 1
    section.refresh()
    qtbot.keyClicks(section.search, "tomasi")
    proxy = section.table.model()
    assert proxy.rowCount() == 1
    assert proxy.index(0, 1).data() == "Supplente"
    assert proxy.index(0, 5).data() == "+39 333 123 4567"


def test_assign_office_and_replace_holder(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    section = OfficesSection(populated)
    qtbot.addWidget(section)
    assert "Coordinatore: <b>nessuno</b>" in section.summary.text()

    first = OfficeDialog(populated)
    qtbot.addWidget(first)
    select_data(first.kind, OfficeKind.COORDINATOR.value)
    first.person.setCurrentText("Giulia Bertolini")  # a referent: her member is guessed
    assert first.member.currentText() == "Cooperativa Sociale La Rete"
    first.start.setText("01/01/2024")
    first.save()
    assert first.result() == 1
    section.refresh()
    assert "Coordinatore: <b>Giulia Bertolini</b>" in section.summary.text()

    second = OfficeDialog(populated)
    qtbot.addWidget(second)
    select_data(second.kind, OfficeKind.COORDINATOR.value)
    assert "Giulia Bertolini" in second.hint.text()
    second.person.setCurrentText("Marco Dallapiccola")
    second.start.set_date(date.today())
    second.save()
    assert second.result() == 1
    section.refresh()
    assert "Coordinatore: <b>Marco Dallapiccola</b>" in section.summary.text()
    terms = [t for t in populated.offices.terms() if t.kind == OfficeKind.COORDINATOR.value]
    assert [(t.person_name, t.end_date) for t in terms] == [
        ("Marco Dallapiccola", None),
        ("Giulia Bertolini", date.today() - timedelta(days=1)),
    ]


def test_office_other_needs_a_title(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = OfficeDialog(populated)
    qtbot.addWidget(dialog)
    select_data(dialog.kind, OfficeKind.OTHER.value)
    dialog.person.setCurrentText("Luca Pilati")
    dialog.save()
    assert dialog.result() == 0
    assert "nome della carica" in dialog.form.error_text("title")
    dialog.end.setText("31/02/2027")
    dialog.save()
    assert "non esiste" in dialog.form.error_text("end_date")


def test_new_referent_does_not_silently_replace(
    qtbot, populated: Workspace, shown_messages: list[str]
) -> None:  # type: ignore[no-untyped-def]
    section = ReferentsSection(populated)
    qtbot.addWidget(section)
    _select_referent(section, "Zeni")
    current = section.selected()
    dialog = ReferentDialog(populated, ReferentMode.NEW, current)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == ReferentKind.SUBSTITUTE.value  # the kind it lacks
    select_data(dialog.kind, ReferentKind.PRIMARY.value)
    qtbot.keyClicks(dialog.first_name, "Carla")
    qtbot.keyClicks(dialog.last_name, "Verdi")
    dialog.save()
    assert dialog.result() == 0
    assert "Sostituisci" in shown_messages[0]
    assert current is not None
    assert populated.referents.current(current.member_id)[ReferentKind.PRIMARY].last_name == "Zeni"


def test_editing_a_term_keeps_a_former_member(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    member = next(r for r in populated.members.list_rows() if r.name == "Comune di Mori")
    from desdesk.schemas import OfficeInput

    term_id = populated.offices.assign(
        OfficeInput(
            kind="tesoriere",
            person_name="Anna Zeni",
            start_date=date(2024, 1, 1),
            member_id=member.id,
        )
    )
    populated.members.withdraw(member.id, date(2025, 6, 30), "Recesso")
    term = next(t for t in populated.offices.terms() if t.id == term_id)
    dialog = OfficeDialog(populated, term)
    qtbot.addWidget(dialog)
    assert dialog.member.currentText() == "Comune di Mori (uscito)"
    dialog.notes.setText("Confermata fino a fine mandato")
    dialog.save()
    assert dialog.result() == 1
    saved = next(t for t in populated.offices.terms() if t.id == term_id)
    assert (saved.member_id, saved.notes) == (member.id, "Confermata fino a fine mandato")


def test_a_historical_term_shows_no_replacement_hint(qtbot, populated: Workspace) -> None:  # type: ignore[no-untyped-def]
    from desdesk.schemas import OfficeInput

    populated.offices.assign(
        OfficeInput(kind="tesoriere", person_name="Luca Pilati", start_date=date(2024, 1, 1))
    )
    dialog = OfficeDialog(populated)
    qtbot.addWidget(dialog)
    select_data(dialog.kind, OfficeKind.TREASURER.value)
    assert dialog.hint.isVisibleTo(dialog)
    dialog.start.setText("01/01/2019")
    dialog.end.setText("31/12/2021")
    dialog.end.editingFinished.emit()
    assert not dialog.hint.isVisibleTo(dialog)


def test_typing_a_surname_in_person_keeps_exactly_what_was_typed(
    qtbot, populated: Workspace
) -> None:  # type: ignore[no-untyped-def]
    dialog = OfficeDialog(populated)
    qtbot.addWidget(dialog)
    dialog.show()
    select_data(dialog.kind, OfficeKind.TREASURER.value)
    line = dialog.person.lineEdit()
    assert line is not None
    qtbot.keyClicks(line, "Pilati")
    assert dialog.person.currentText() == "Pilati"
    line.clear()
    qtbot.keyClicks(line, "Luca Pilati")
    assert dialog.member.currentText() == "Azienda Agricola Maso Pilati"  # guessed
    line.clear()
    qtbot.keyClicks(line, "Alessandro Bonomi")  # not a referent: the guess is withdrawn
    assert dialog.member.currentData() is None
    dialog.save()
    assert dialog.result() == 1
    (term,) = [t for t in populated.offices.terms() if t.kind == OfficeKind.TREASURER.value]
    assert (term.person_name, term.member_id) == ("Alessandro Bonomi", None)
