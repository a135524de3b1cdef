"""The money documents from a real district file: MoneyDocumentsService and
`desdesk report budget|plan|indicators FILE.des --year Y -o OUT.pdf`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desdesk.i18n import format_money
from desdesk.main import main
from desdesk.money_schemas import FinancialYearInput, InvestmentInput, MovementInput
from desdesk.reports.money_common import percent_text
from desdesk.schemas import ObjectiveInput
from desdesk.services.documents import DocumentWriteError
from desdesk.services.money_documents import KINDS, MoneyDocumentsService
from desdesk.services.workspace import Workspace, open_workspace
from tests.pdfs import A4_POINTS, flat, read_pdf

D = Decimal
DAY = date(2026, 11, 26)
SATISFACTION = "Punteggio medio questionari di gradimento"
OBJECTIVE = "Beneficiari soddisfatti: punteggio medio almeno 4,5"


def m(text: str) -> str:
    """An amount as pypdf reads it back."""
    return flat(format_money(D(text)))


def populate(workspace: Workspace) -> None:
    """Two years of movements, a plan for 2026 and 2027, an investment, two measurements.

    2026 by hand: A uscite 800,40, entrate 1.200 (public) + 300 (fees) = 1.500, avanzo
    699,60; E uscite 150 (structure), avanzo -150; complessivo 549,60. Cash 100 + 300 -
    150 = 250; bank 1.150 + 1.200 - 800,40 = 1.549,60. Public share 1.200 / 1.500 = 80%.
    """
    budget = workspace.budget
    ids = {category.code: category.id for category in budget.categories()}

    def move(day: date, amount: str, code: str, account: str = "banca") -> None:
        budget.add_movement(MovementInput(day, D(amount), ids[code], account=account))

    budget.open_year(FinancialYearInput(2025, D("100.00"), D("1000.00")))
    move(date(2025, 3, 1), "400.00", "EA1")
    move(date(2025, 9, 1), "250.00", "UA2")
    budget.open_year(FinancialYearInput(2026))  # openings: 2025's closing balances
    budget.set_plan(2026, {ids["UA2"]: D("1000"), ids["EA8"]: D("1500"), ids["EA1"]: D("500")})
    move(date(2026, 4, 2), "1200.00", "EA8")
    move(date(2026, 2, 1), "300.00", "EA1", "cassa")
    move(date(2026, 5, 5), "800.40", "UA2")
    move(date(2026, 6, 6), "150.00", "UE2", "cassa")
    budget.set_plan(2027, {ids["UA2"]: D("1200"), ids["EA8"]: D("1000"), ids["EA1"]: D("600")})
    budget.add_investment(InvestmentInput("Bilancia per il mercato", D("850.00"), 2026, "ente_pubblico"))  # fmt: skip
    indicators = workspace.indicators
    score = next(i for i in indicators.indicators() if i.data.name == SATISFACTION)
    indicators.record(score.id, 2025, 1, D("3.8"))
    indicators.record(score.id, 2026, 1, D("4.2"))
    indicators.set_target(score.id, 2026, D("4.5"))
    workspace.district.add_objective(
        ObjectiveInput(
            OBJECTIVE,
            target_value=D("4.5"),
            target_unit="punti",
            status="in_corso",
            indicator_id=score.id,
        )
    )


@pytest.fixture
def documents(workspace: Workspace) -> MoneyDocumentsService:
    populate(workspace)
    return MoneyDocumentsService(workspace, today=lambda: DAY)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "documenti"
    folder.mkdir()
    return folder


# -- the service -------------------------------------------------------------------------


def test_the_rendiconto_of_a_real_district_has_the_right_totals(
    documents: MoneyDocumentsService, out: Path
) -> None:
    target = out / "rendiconto.pdf"

    assert documents.budget_pdf(2026, target) == target

    pdf = read_pdf(target.read_bytes())
    text = flat(pdf.text)
    assert pdf.page_sizes()[0] == A4_POINTS[::-1]
    assert "Rendiconto per cassa 2026" in text
    assert "DES Vallagarina" in text
    assert f"UA2 Servizi {m('1000')} {m('800.40')} {m('-199.60')} 80,0% {m('250')}" in text
    assert f"Avanzo/disavanzo attività di interesse generale {m('1000')} {m('699.60')}" in text
    assert f"Avanzo/disavanzo attività di supporto generale {m('0')} {m('-150')}" in text
    assert f"Avanzo/disavanzo complessivo {m('1000')} {m('549.60')} {m('-450.40')} — {m('150')}" in text  # fmt: skip
    assert f"Cassa {m('100')} {m('300')} {m('150')} {m('250')}" in text
    assert f"Banca {m('1150')} {m('1200')} {m('800.40')} {m('1549.60')}" in text
    assert f"Ente pubblico {m('1200')} 80,0%" in text
    assert "Supera la soglia: il distretto dipende dal finanziamento pubblico." in text
    assert "Costi di struttura (H6): 15,8% delle uscite della gestione" in text


def test_the_plan_of_a_real_district_has_investments_and_forecast(
    documents: MoneyDocumentsService, out: Path
) -> None:
    target = documents.plan_pdf(2026, out / "piano.pdf")

    text = flat(read_pdf(target.read_bytes()).text)
    assert "Piano finanziario" in text
    assert f"Bilancia per il mercato 2026 {m('850')} Ente pubblico" in text
    assert f"Totale investimenti iniziali {m('850')}" in text
    # 2025 actual, 2026 plan and actual, 2027 plan (2028 and 2029 have no plan).
    assert (
        f"A) Attività di interesse generale Entrate {m('400')} {m('2000')} {m('1500')} "
        f"{m('1600')} {m('0')} {m('0')}"
    ) in text
    assert f"Risultato previsto 2027 {m('400')}" in text
    assert "Nessun preventivo per: 2028, 2029." in text
    # 2027's planned sources: 1.000 public of 1.600.
    assert "Quota da enti pubblici 62,5%" in text


def test_the_indicators_of_a_real_district(
    documents: MoneyDocumentsService, workspace: Workspace, out: Path
) -> None:
    target = documents.indicators_pdf(2026, out / "indicatori.pdf")

    text = flat(read_pdf(target.read_bytes()).text)
    assert "Indicatori di monitoraggio" in text
    assert (
        f"{SATISFACTION} Annuale Ufficio monitoraggio Questionari/interviste 4,5 4,2 2026" in text
    )
    assert "Indicatori 8 di cui calcolati da desdesk 4" in text
    assert "calcolato" in text
    assert "Obiettivi: 2026: 4,5" in text
    [progress] = workspace.indicators.objectives_progress(DAY)
    assert f"{OBJECTIVE} {SATISFACTION} 4,5" in text
    assert percent_text(progress.progress_percent) in text


def test_every_kind_builds_and_has_a_title(documents: MoneyDocumentsService) -> None:
    for kind in KINDS:
        text = flat(read_pdf(documents.pdf(kind, 2026)).text)
        assert MoneyDocumentsService.title(kind) in text


def test_a_year_without_movements_says_so(workspace: Workspace) -> None:
    documents = MoneyDocumentsService(workspace, today=lambda: DAY)

    text = flat(read_pdf(documents.budget_bytes(2031)).text)

    assert "Nessun movimento registrato nel 2031." in text
    indicators = flat(read_pdf(documents.indicators_bytes(2031)).text)
    assert "Nessun obiettivo del distretto è collegato a un indicatore." in indicators


def test_an_unknown_kind_is_a_programming_error(workspace: Workspace) -> None:
    with pytest.raises(ValueError):
        workspace.money_documents.pdf("bilancio", 2026)


@pytest.mark.district_file
def test_the_district_file_is_never_a_target(workspace: Workspace) -> None:
    before = workspace.path.read_bytes()

    with pytest.raises(DocumentWriteError):
        workspace.money_documents.budget_pdf(2026, workspace.path)

    assert workspace.path.read_bytes() == before


# -- the command line ------------------------------------------------------------------


def run(*args: object) -> int:
    return main([str(arg) for arg in args])


@pytest.fixture
def district(tmp_path: Path) -> Path:
    path = tmp_path / "vallagarina.des"
    new = ("new", path, "--name", "DES Vallagarina", "--kind", "territoriale")
    assert run(*new, "--territory", "Vallagarina") == 0
    with open_workspace(path) as workspace:
        populate(workspace)
    return path


@pytest.mark.parametrize(
    "case",
    [
        ("budget", "Rendiconto per cassa", f"Avanzo/disavanzo complessivo {m('549.60')}"),
        ("plan", "Piano finanziario", f"Totale investimenti iniziali {m('850')}"),
        ("indicators", "Indicatori di monitoraggio", "Obiettivi: 2026: 4,5"),
    ],
)
def test_report_writes_each_money_document_for_the_year(
    district: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple[str, str, str]
) -> None:
    kind, title, expected = case
    target = tmp_path / f"{kind}.pdf"
    capsys.readouterr()

    assert run("report", kind, district, "--year", "2026", "-o", target) == 0

    captured = capsys.readouterr()
    assert captured.out.strip() == f"Creato {target} ({title} 2026)"
    assert captured.err == ""
    text = flat(read_pdf(target.read_bytes()).text)
    assert title in text
    assert expected in text


def test_the_year_defaults_to_the_current_one(district: Path, tmp_path: Path) -> None:
    target = tmp_path / "rendiconto.pdf"

    assert run("report", "budget", district, "-o", target) == 0

    year = date.today().year
    assert f"Rendiconto per cassa {year}" in flat(read_pdf(target.read_bytes()).text)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("register", "--year", "2026"), "--year vale solo per budget, plan, indicators"),
        (("budget", "--year", "26"), "anno non valido: 26"),
        (("plan", "--year", "duemila"), "anno non valido: duemila"),
    ],
)
def test_a_misused_year_is_a_usage_error(
    district: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    message: str,
) -> None:
    target = tmp_path / "documento.pdf"
    document, *rest = args
    capsys.readouterr()

    assert run("report", document, district, *rest, "-o", target) == 2

    captured = capsys.readouterr()
    assert message in captured.err
    assert "Traceback" not in captured.err
    assert not target.exists()


def test_the_district_file_is_refused_as_output(
    district: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = district.read_bytes()

    assert run("report", "plan", district, "--year", "2026", "-o", district) == 1

    assert "scegli un altro nome" in capsys.readouterr().err
    assert district.read_bytes() == before
