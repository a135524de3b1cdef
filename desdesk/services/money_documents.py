"""The money documents as PDF: Rendiconto per cassa, Piano finanziario, Indicatori.

Like `DocumentsService` it owns no session: it gathers the read-models from the
budget, indicators and district services, hands them to the report modules (imported on
first use: reportlab costs start-up time) and saves the bytes with the documents
service's `save_pdf`, which writes whole or not at all and never over the district file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desdesk.reports.money_titles import budget_title, indicators_title, plan_title

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

BUDGET = "budget"
PLAN = "plan"
INDICATORS = "indicators"
KINDS = (BUDGET, PLAN, INDICATORS)


class MoneyDocumentsService:
    """Builds the three money documents of a year from what the other services return."""

    def __init__(self, workspace: Workspace, *, today: Callable[[], date] = date.today) -> None:
        self._ws = workspace
        self._today = today

    def budget_bytes(self, year: int) -> bytes:
        """The Rendiconto per cassa of `year` (plan against actuals, previous year beside)."""
        from desdesk.reports.budget import budget_pdf

        return budget_pdf(
            self._ws.district.profile(), self._ws.budget.statement(year), generated_on=self._today()
        )

    def plan_bytes(self, year: int) -> bytes:
        """The Piano finanziario from `year`: past actuals, `year`, a 3-year forecast."""
        from desdesk.reports.financial_plan import plan_pdf

        return plan_pdf(
            self._ws.district.profile(),
            self._ws.budget.multi_year(year),
            generated_on=self._today(),
        )

    def indicators_bytes(self, year: int) -> bytes:
        """The Indicatori di monitoraggio of `year`, with three years of trend."""
        from desdesk.reports.indicators import YEARS_CHARTED, IndicatorsReport, indicators_pdf

        today = self._today()
        indicators = self._ws.indicators
        overview = indicators.overview(year, today)
        first = year - YEARS_CHARTED + 1
        series = {
            indicator.id: indicators.series(indicator.id, first, year, today)
            for indicator, _target, _latest in overview
        }
        report = IndicatorsReport(year, overview, series, indicators.objectives_progress(today))
        return indicators_pdf(self._ws.district.profile(), report, generated_on=today)

    def pdf(self, kind: str, year: int) -> bytes:
        """The document named by `kind` (one of KINDS) for `year`."""
        builders = {
            BUDGET: self.budget_bytes,
            PLAN: self.plan_bytes,
            INDICATORS: self.indicators_bytes,
        }
        if kind not in builders:
            raise ValueError(f"unknown money document: {kind}")
        return builders[kind](year)

    def _save(self, data: bytes, out: Path) -> Path:
        self._ws.documents.save_pdf(data, out)
        return Path(out)

    def budget_pdf(self, year: int, out: Path) -> Path:
        """Write the Rendiconto per cassa of `year` to `out` (atomically); returns `out`."""
        return self._save(self.budget_bytes(year), out)

    def plan_pdf(self, year: int, out: Path) -> Path:
        """Write the Piano finanziario from `year` to `out` (atomically); returns `out`."""
        return self._save(self.plan_bytes(year), out)

    def indicators_pdf(self, year: int, out: Path) -> Path:
        """Write the Indicatori di monitoraggio of `year` to `out` (atomically)."""
        return self._save(self.indicators_bytes(year), out)

    @staticmethod
    def title(kind: str) -> str:
        """The document's title, in the current language."""
        return {BUDGET: budget_title, PLAN: plan_title, INDICATORS: indicators_title}[kind]()
