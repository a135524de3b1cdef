"""MovementIOService on real district files: mapping, preview, import, export, round trip."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desdesk.domain.errors import DesdeskError
from desdesk.domain.money_enums import Account, FundingSource
from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.services.movement_io import EXPORT_HEADERS, MovementImportRefused
from desdesk.services.movement_mapping import suggest_mapping
from desdesk.services.workspace import Workspace
from tests.factories import member_input

D = Decimal
SIGNED = {"data": "Data", "importo": "Importo", "categoria": "Categoria", "descrizione": "Causale"}


def write_csv(path: Path, *lines: str, encoding: str = "utf-8-sig") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for values in rows:
        sheet.append(values)
    workbook.save(path)
    return path


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    workspace.budget.open_year(FinancialYearInput(2026))
    return workspace


def ids(workspace: Workspace) -> dict[str, int]:
    return {category.code: category.id for category in workspace.budget.categories()}


def test_suggested_mapping_reads_bank_headers_and_our_own() -> None:
    bank = ["Data operazione", "Data valuta", "Causale", "Entrate (€)", "USCITE", "Voce"]
    assert suggest_mapping(bank) == {
        "data": "Data operazione",
        "entrata": "Entrate (€)",
        "uscita": "USCITE",
        "categoria": "Voce",
        "descrizione": "Causale",
    }
    ours = suggest_mapping(list(EXPORT_HEADERS))
    assert ours == {
        "data": "Data",
        "importo": "Importo",
        "categoria": "Categoria",
        "descrizione": "Descrizione",
        "fonte": "Fonte",
        "controparte": "Controparte",
        "documento": "Documento",
        "conto": "Conto",
        "quota_anno": "Quota anno",
    }  # "Entrata/Uscita" is not taken for a column of amounts


def test_signed_amounts_categories_by_code_or_name_and_members(
    ws: Workspace, tmp_path: Path
) -> None:
    member_id = ws.members.add(member_input("Cooperativa Il Germoglio", joined_on=None))
    source = write_csv(
        tmp_path / "banca.csv",
        "Data;Importo;Categoria;Causale;Fonte;Controparte;Documento;Conto",
        "15/01/2026;-1.234,56;UA2;Affitto sala;;;fatt. 12;banca",
        "2026-02-03;50,00;ea1;Quota 2026;;cooperativa il germoglio;;Cassa",
        "10/03/2026;300;erogazioni LIBERALI;Donazione;Erogazioni liberali;Mario Rossi;;",
    )
    mapping = {**SIGNED, "fonte": "Fonte", "controparte": "Controparte"}
    mapping |= {"documento": "Documento", "conto": "Conto"}
    preview = ws.movement_io.preview(source, mapping)
    assert preview.ok, preview.messages()
    assert [line.row for line in preview.lines] == [2, 3, 4]
    assert ws.budget.movements() == []  # a preview writes nothing
    codes = ids(ws)
    first, fee, gift = preview.rows
    assert first == MovementInput(
        date=date(2026, 1, 15),
        amount=D("1234.56"),
        category_id=codes["UA2"],
        description="Affitto sala",
        document_ref="fatt. 12",
        account="banca",
    )
    assert (fee.category_id, fee.member_id, fee.counterparty) == (codes["EA1"], member_id, "")
    assert fee.account == "cassa"
    assert gift.source == "erogazioni_liberali" and gift.counterparty == "Mario Rossi"
    assert preview.lines[0].texts["importo"] == "-1.234,56\xa0€"

    assert ws.movement_io.import_movements(source, mapping) == 3
    stored = sorted(ws.budget.movements(2026), key=lambda m: m.data.date)
    assert [m.signed_amount for m in stored] == [D("-1234.56"), D("50.00"), D("300.00")]
    assert stored[1].member_name == "Cooperativa Il Germoglio"
    assert stored[1].data.source == "quote_membri"  # the category's default source


def test_two_column_bank_export(ws: Workspace, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "estratto.csv",
        "Data valuta,Entrate,Uscite,Descrizione operazione,Voce",
        '02/01/2026,,"-12,50",Commissioni,UD1',
        '05/01/2026,"1.000,00",0,Contributo Comune,EA5',
        '07/01/2026,0,"80,00",Cancelleria,UE1',
    )
    mapping = suggest_mapping(ws.movement_io.read_table(source).headers)
    assert mapping["entrata"] == "Entrate" and mapping["data"] == "Data valuta"
    preview = ws.movement_io.preview(source, mapping)
    assert preview.ok, preview.messages()
    assert [line.texts["importo"] for line in preview.lines] == [
        "-12,50\xa0€",
        "1.000,00\xa0€",
        "-80,00\xa0€",
    ]
    assert [row.amount for row in preview.rows] == [D("12.50"), D("1000.00"), D("80.00")]


def test_the_header_is_found_below_a_bank_preamble(ws: Workspace, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "estratto.xlsx",
        [
            ["Estratto conto corrente n. 1234 - DES Vallagarina"],
            ["Periodo", "01/01/2026 - 31/01/2026"],
            [],
            ["Data contabile", "Data valuta", "Descrizione", "Importo", "Voce"],
            [date(2026, 1, 2), date(2026, 1, 2), "Commissioni", -2.5, "UD1"],
        ],
    )
    table = ws.movement_io.read_table(source)
    assert table.headers == ["Data contabile", "Data valuta", "Descrizione", "Importo", "Voce"]
    assert table.numbers == [5]
    preview = ws.movement_io.preview_table(table, suggest_mapping(table.headers))
    assert preview.ok, preview.messages()
    assert preview.rows[0].amount == D("2.50")


def test_every_problem_names_row_and_column_and_nothing_is_written(
    ws: Workspace, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "movimenti.csv",
        "Data;Importo;Categoria;Causale",
        "15/01/2026;-10,00;UA2;ok",
        "16/01/2026;-10,00;;senza categoria",
        "17/01/2026;-25,00;EA8;entrata negativa",
        "31/02/2026;10,00;EA8;data sbagliata",
        "18/01/2026;dieci;UA2;importo sbagliato",
        "19/01/2026;-5,00;Servizi;nome di più categorie",
        "20/01/2026;-5,00;UA;una sezione",
        "21/01/2025;-5,00;UA2;anno non aperto",
        "22/01/2026;-5,00;ZZ9;categoria inesistente",
        "23/01/2026;0;UA2;zero",
    )
    preview = ws.movement_io.preview(source, SIGNED)
    assert not preview.ok
    messages = [str(problem) for problem in preview.problems]
    assert messages == [
        "riga 3, colonna Categoria: Manca la categoria.",
        "riga 4, colonna Importo: “EA8 Contributi da enti pubblici” è una categoria di entrate, ma l'importo è un'uscita.",
        "riga 5, colonna Data: La data “31/02/2026” non esiste.",
        "riga 6, colonna Importo: “dieci” non è un importo valido: nel file gli importi vanno "
        "scritti all'italiana, ad esempio 1.234,56 o -12,50.",
        "riga 7, colonna Categoria: “Servizi” è il nome di più categorie (UA2, UB2, UE2): scrivi il codice.",
        "riga 8, colonna Categoria: “UA A) Uscite da attività di interesse generale” raggruppa altre categorie: scegline una delle sue voci.",
        "riga 9, colonna Data: L'esercizio 2025 non è aperto: aprilo in Bilancio con "
        "«Nuovo esercizio…» prima di registrarvi importi.",
        "riga 10, colonna Categoria: “ZZ9” non è una categoria del bilancio: scrivi il codice (ad esempio UA2) o il nome.",
        "riga 11, colonna Importo: Manca l'importo (o è zero).",
    ]
    assert [line.ok for line in preview.lines] == [True] + [False] * 9
    with pytest.raises(MovementImportRefused) as refused:
        ws.movement_io.import_movements(source, SIGNED)
    assert refused.value.problems == messages
    assert "9 problemi: nessun movimento è stato importato" in refused.value.message
    assert ws.budget.movements() == []


def test_category_names_match_ignoring_case_and_accents(ws: Workspace, tmp_path: Path) -> None:
    category = next(c for c in ws.budget.categories() if c.code == "EA4")
    source = write_csv(
        tmp_path / "m.csv",
        "Data;Importo;Categoria",
        f"01/02/2026;5,00;{category.name.upper()}",
        f"01/02/2026;5,00;  {category.label.lower()} ",
    )
    preview = ws.movement_io.preview(
        source, {"data": "Data", "importo": "Importo", "categoria": "Categoria"}
    )
    assert preview.ok, preview.messages()
    assert {row.category_id for row in preview.rows} == {category.id}


def test_mapping_problems_stop_before_the_rows(ws: Workspace, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "m.csv", "Data;Importo;Entrate;Categoria", "01/02/2026;5;;EA8")
    table = ws.movement_io.read_table(source)
    preview = ws.movement_io.preview_table(
        table, {"data": "Data", "importo": "Importo", "entrata": "Entrate", "categoria": "Voce"}
    )
    assert preview.lines == []
    assert preview.header_problems == [
        "Nel file non c'è la colonna “Voce”.",
        "Usa la colonna dell'importo con segno oppure quelle di entrate e uscite, non entrambe.",
    ]
    assert ws.movement_io.preview_table(table, {"importo": "Importo"}).header_problems == [
        "Scegli la colonna della data.",
        "Scegli la colonna della categoria.",
    ]
    only_header = write_csv(tmp_path / "vuoto.csv", "Data;Importo;Categoria")
    with pytest.raises(MovementImportRefused, match="non ha movimenti"):
        ws.movement_io.import_movements(
            only_header, {"data": "Data", "importo": "Importo", "categoria": "Categoria"}
        )


def test_xlsx_numbers_are_taken_exactly_and_dates_as_dates(ws: Workspace, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "movimenti.xlsx",
        [
            ["Data", "Importo", "Categoria"],
            [datetime(2026, 4, 1), 0.1 + 0.2, "EA8"],  # 0.30000000000000004
            [date(2026, 4, 2), -19.99, "UA2"],
            ["03/04/2026", 1234, "EA8"],
            ["04/04/2026", "1.234,5", "EA8"],
        ],
    )
    preview = ws.movement_io.preview(
        source, {"data": "Data", "importo": "Importo", "categoria": "Categoria"}
    )
    assert preview.ok, preview.messages()
    assert [(row.date.day, row.amount) for row in preview.rows] == [
        (1, D("0.30")),
        (2, D("19.99")),
        (3, D("1234.00")),
        (4, D("1234.50")),
    ]


def test_xlsx_numbers_with_more_than_two_decimals_are_refused(
    ws: Workspace, tmp_path: Path
) -> None:
    source = write_xlsx(
        tmp_path / "movimenti.xlsx",
        [
            ["Data", "Importo", "Categoria"],
            [date(2026, 4, 1), 12.345, "EA8"],
            ["02/04/2026", 5, "EA8"],
        ],
    )
    mapping = {"data": "Data", "importo": "Importo", "categoria": "Categoria"}
    preview = ws.movement_io.preview(source, mapping)
    assert [str(p) for p in preview.problems] == [
        str(p) for p in preview.problems if p.row == 2 and p.column == "Importo"
    ]
    assert [p.message for p in preview.problems] == ["12,345 ha più di due decimali."]
    with pytest.raises(MovementImportRefused):
        ws.movement_io.import_movements(source, mapping)
    assert ws.budget.movements() == []


def _add(ws: Workspace, **values: object) -> None:
    ws.budget.add_movement(MovementInput(**values))  # type: ignore[arg-type]


def _sample(ws: Workspace) -> None:
    codes = ids(ws)
    ws.budget.open_year(FinancialYearInput(2025))
    member_id = ws.members.add(member_input("GAS Rovereto Sud", joined_on=None))
    ws.fees.set_default_fee(2025, D("50.00"), None)
    _add(ws, date=date(2025, 12, 30), amount=D("7.00"), category_id=codes["UD1"])
    _add(
        ws,
        date=date(2026, 1, 15),
        amount=D("1234.56"),
        category_id=codes["UA2"],
        description="Affitto; sala “grande”",
        document_ref="F-12",
        counterparty="Comune di Rovereto",
    )
    _add(
        ws,
        date=date(2026, 2, 1),
        amount=D("50.00"),
        category_id=codes["EA1"],
        member_id=member_id,
        account="cassa",
        fee_year=2025,  # a late fee: paid in 2026 for 2025
    )
    _add(
        ws,
        date=date(2026, 3, 1),
        amount=D("1000.10"),
        category_id=codes["EA5"],
        source="ente_pubblico",
    )


def _comparable(ws: Workspace) -> list[tuple[object, ...]]:
    return sorted(
        (m.data.date, m.data.amount, m.category_code, m.data.description, m.data.source,
         m.data.member_id, m.data.counterparty, m.data.document_ref, m.data.account, m.fee_year)
        for m in ws.budget.movements()
    )  # fmt: skip


def _round_trip(ws: Workspace, path: Path) -> None:
    before = _comparable(ws)
    assert ws.movement_io.export(path) == 4
    for movement in ws.budget.movements():
        ws.budget.delete_movement(movement.id)
    table = ws.movement_io.read_table(path)
    mapping = ws.movement_io.suggest_mapping(table.headers)
    assert ws.movement_io.import_table(table, mapping) == 4
    assert _comparable(ws) == before
    (fee,) = ws.fees.fees(2025)
    assert fee.paid == D("50.00")  # still the 2025 fee payment, not a plain income


def test_csv_export_is_italian_and_imports_back(ws: Workspace, tmp_path: Path) -> None:
    _sample(ws)
    path = tmp_path / "movimenti.csv"
    assert ws.movement_io.export(path, year=2026) == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ";".join(EXPORT_HEADERS)
    assert lines[1] == (
        "15/01/2026;-1.234,56;Uscita;UA2 Servizi;Affitto; sala “grande”;;Comune di Rovereto;F-12;Banca;"
    ).replace("Affitto; sala “grande”", '"Affitto; sala “grande”"')
    assert lines[2].startswith("01/02/2026;50,00;Entrata;EA1 ")
    assert lines[2].endswith(";Quote dei membri;GAS Rovereto Sud;;Cassa;2025")
    assert lines[3].startswith("01/03/2026;1.000,10;Entrata;")
    _round_trip(ws, path)


def test_labels_in_the_users_language_import_back(
    ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sources and accounts are written with the label the user reads (English, say)."""
    _sample(ws)
    english = {"ente_pubblico": "Public body", "quote_membri": "Member fees", "cassa": "Cash"}
    for kind in (FundingSource, Account):
        monkeypatch.setattr(kind, "label", lambda self: english.get(self.value, self.value))
    path = tmp_path / "movements.csv"
    ws.movement_io.export(path)
    text = path.read_text(encoding="utf-8-sig")
    assert ";Public body;" in text and ";Member fees;GAS Rovereto Sud;;Cash;2025\n" in text
    _round_trip(ws, path)


def test_xlsx_export_has_numbers_and_dates_and_imports_back(ws: Workspace, tmp_path: Path) -> None:
    _sample(ws)
    path = tmp_path / "movimenti.xlsx"
    ws.movement_io.export(path)
    sheet = load_workbook(path).worksheets[0]
    assert [cell.value for cell in sheet[1]] == list(EXPORT_HEADERS)
    assert sheet["A2"].value == datetime(2025, 12, 30)
    assert sheet["B3"].value == pytest.approx(-1234.56)
    assert isinstance(sheet["B3"].value, float)
    assert "€" in sheet["B3"].number_format
    _round_trip(ws, path)


def test_export_refuses_other_formats(ws: Workspace, tmp_path: Path) -> None:
    with pytest.raises(DesdeskError, match="non supportato"):
        ws.movement_io.export(tmp_path / "movimenti.ods")


def test_rows_already_registered_or_repeated_are_warned_and_left_out(
    ws: Workspace, tmp_path: Path
) -> None:
    codes = ids(ws)
    _add(ws, date=date(2026, 3, 12), amount=D("65.00"), category_id=codes["UA2"],
         description="Affitto  SALA", document_ref="")  # fmt: skip
    source = write_csv(
        tmp_path / "estratto.csv",
        "Data;Importo;Categoria;Causale",
        "12/03/2026;-65,00;UA2;affitto sala",  # registered already (case, spaces)
        "13/03/2026;-10,00;UA2;Cancelleria",
        "13/03/2026;-10,00;UA2;cancelleria",  # the same as the row above
        "14/03/2026;-65,00;UA2;affitto sala",  # another day: new
    )
    preview = ws.movement_io.preview(source, SIGNED)
    assert preview.ok and preview.problems == []
    assert [line.row for line in preview.duplicates] == [2, 4]
    assert preview.warnings() == [
        "riga 2: sembra già registrato: 12/03/2026, 65,00\xa0€, UA2 Affitto  SALA",
        "riga 4: sembra uguale alla riga 3 del file",
    ]
    assert len(preview.rows_to_import()) == 2
    assert ws.movement_io.import_movements(source, SIGNED) == 2
    assert len(ws.budget.movements(2026)) == 3
    # Asked for, they are imported too (one transaction, as always).
    assert ws.movement_io.import_movements(source, SIGNED, include_duplicates=True) == 4
    assert len(ws.budget.movements(2026)) == 7


def test_duplicates_match_on_the_document_reference_when_both_have_one(
    ws: Workspace, tmp_path: Path
) -> None:
    codes = ids(ws)
    _add(ws, date=date(2026, 3, 12), amount=D("65.00"), category_id=codes["UA2"],
         description="Bonifico", document_ref="F-12")  # fmt: skip
    source = write_csv(
        tmp_path / "estratto.csv",
        "Data;Importo;Categoria;Causale;Documento",
        "12/03/2026;-65,00;UA2;Affitto sala marzo;f-12",
        "12/03/2026;-65,00;UA2;Bonifico;F-13",
    )
    mapping = SIGNED | {"documento": "Documento"}
    preview = ws.movement_io.preview(source, mapping)
    assert [line.row for line in preview.duplicates] == [2]


def test_fee_year_needs_the_fees_category_a_member_and_a_year(
    ws: Workspace, tmp_path: Path
) -> None:
    ws.members.add(member_input("GAS Rovereto Sud", joined_on=None))
    source = write_csv(
        tmp_path / "quote.csv",
        "Data;Importo;Categoria;Controparte;Quota anno",
        "01/02/2026;50,00;EA1;GAS Rovereto Sud;2026",
        "02/02/2026;50,00;EA1;Sconosciuto;2026",
        "03/02/2026;50,00;EA8;GAS Rovereto Sud;2026",
        "04/02/2026;50,00;EA1;GAS Rovereto Sud;duemila",
    )
    mapping = SIGNED | {"controparte": "Controparte", "quota_anno": "Quota anno"}
    del mapping["descrizione"]
    preview = ws.movement_io.preview(source, mapping)
    problems = {(p.row, p.column): p.message for p in preview.problems}
    assert set(problems) == {(3, "Quota anno"), (4, "Quota anno"), (5, "Quota anno")}
    assert "aderente" in problems[(3, "Quota anno")]
    assert "quote degli aderenti" in problems[(4, "Quota anno")]
    assert problems[(5, "Quota anno")] == "“duemila” non è un anno: scrivi ad esempio 2026."
    assert preview.lines[0].movement is not None
    assert preview.lines[0].movement.fee_year == 2026
