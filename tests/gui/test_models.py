"""Every Qt model passes Qt's own model tester, filtered and sorted included."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from desdesk.schemas import MemberRow, OfficeRead
from desdesk.ui.models.members import MemberFilter, MemberFilterProxy, MemberTableModel
from desdesk.ui.models.rows import RowsTableModel
from desdesk.ui.sections.offices import COLUMNS as OFFICE_COLUMNS


def _row(
    i: int, name: str, comune: str, left_on: date | None = None, nature: str = "privato_profit"
) -> MemberRow:
    return MemberRow(
        id=i, name=name, legal_form="cooperativa", nature=nature, tax_code=f"{i:011d}",
        vat_number="", comune=comune, provincia="TN", email="", phone="", aes_subscriber=i % 2 == 0,
        disciplinari=(1,), supply_chain_roles=("produzione",), joined_on=date(2024, 1, i),
        left_on=left_on, primary_referent=f"Referente {i}", substitute="",
    )  # fmt: skip


ROWS = [
    _row(1, "Cooperativa Alfa", "Rovereto"),
    _row(2, "Società Benefit Àrnica", "Arco"),
    _row(3, "GAS Ala", "Ala", left_on=date(2025, 6, 30)),
    _row(4, "Comune di Mori", "Mori", nature="pubblico"),
]


def test_member_model_and_proxy_pass_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = MemberTableModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_criteria(MemberFilter(text="arnica"))  # accents ignored
    assert proxy.rowCount() == 1
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    model.set_rows(ROWS[:2])
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)


def test_filter_criteria_combine() -> None:
    model = MemberTableModel()
    model.set_rows(ROWS)
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)

    def names(criteria: MemberFilter) -> list[str]:
        proxy.set_criteria(criteria)
        return sorted(proxy.index(r, 0).data() for r in range(proxy.rowCount()))

    assert names(MemberFilter()) == ["Comune di Mori", "Cooperativa Alfa", "Società Benefit Àrnica"]
    assert names(MemberFilter(status="former")) == ["GAS Ala"]
    assert names(MemberFilter(status="all", text="referente 3")) == ["GAS Ala"]
    assert names(MemberFilter(nature="pubblico")) == ["Comune di Mori"]
    assert names(MemberFilter(aes=True)) == ["Comune di Mori", "Società Benefit Àrnica"]
    assert names(MemberFilter(role="consumo")) == []
    assert names(MemberFilter(text="coop alfa")) == ["Cooperativa Alfa"]  # every word, any order


def test_sort_uses_precomputed_keys_and_dates_sort_chronologically() -> None:
    model = MemberTableModel()
    model.set_rows(list(reversed(ROWS)))
    model.sort(8, Qt.SortOrder.AscendingOrder)  # Adesione
    assert [model.index(r, 8).data() for r in range(4)] == [
        "01/01/2024",
        "02/01/2024",
        "03/01/2024",
        "04/01/2024",
    ]
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert model.index(0, 0).data() == "Comune di Mori"
    assert model.index(2, 9).data() == "uscito il 30/06/2025"


def test_rows_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model: RowsTableModel[OfficeRead] = RowsTableModel(
        OFFICE_COLUMNS, muted=lambda t: not t.current
    )
    model.set_rows(
        [
            OfficeRead(1, "coordinatore", "", "Anna Zeni", None, "", date(2024, 1, 1), None, ""),
            OfficeRead(
                2,
                "altro",
                "Responsabile progetti",
                "Luca Pilati",
                3,
                "GAS Ala",
                date(2020, 1, 1),
                date(2023, 12, 31),
                "",
            ),
        ]
    )
    qtmodeltester.check(model)
    assert model.index(1, 0).data() == "Responsabile progetti"
    assert model.index(0, 5).data() == "in carica"
    assert model.index(1, 5).data() == "concluso"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_search_proxy_filters_and_sorts_on_precomputed_keys(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from desdesk.ui.models.rows import SearchProxy

    model: RowsTableModel[OfficeRead] = RowsTableModel(OFFICE_COLUMNS)
    model.set_rows(
        [
            OfficeRead(1, "tesoriere", "", "Zoe Àlberti", None, "", date(2024, 1, 1), None, ""),
            OfficeRead(
                2,
                "coordinatore",
                "",
                "Anna Zeni",
                None,
                "",
                date(2019, 5, 1),
                date(2023, 12, 31),
                "",
            ),
            OfficeRead(3, "segretario", "", "Luca Pilati", None, "", date(2021, 3, 1), None, ""),
        ]
    )
    proxy = SearchProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_text("alberti")  # accents ignored
    assert [proxy.index(r, 1).data() for r in range(proxy.rowCount())] == ["Zoe Àlberti"]
    proxy.set_text("")
    proxy.sort(3, Qt.SortOrder.AscendingOrder)  # "Dal": by date, not by text
    assert [proxy.index(r, 3).data() for r in range(3)] == [
        "01/05/2019",
        "01/03/2021",
        "01/01/2024",
    ]
    proxy.sort(1, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 1).data() == "Zoe Àlberti"
    model.set_rows(model.rows()[:2])  # a reload keeps the chosen order
    assert proxy.index(0, 1).data() == "Zoe Àlberti"
    qtmodeltester.check(proxy)
