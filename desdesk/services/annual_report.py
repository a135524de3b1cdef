"""Rendicontazione annuale (issue 6, point 1): the year's report the district publishes
and sends to the Centro per l'Economia Solidale.

`report(year)` gathers the read-model (`desdesk.annual_schemas.AnnualReport`) from the
other services (`annual_report_data`); `pdf(year)` hands it to
`desdesk.reports.annual_report`, imported on first use (reportlab costs start-up time).
The data are read as of the year's last day, or today while the year is running, so a
report of a past year does not change because time has passed (the data may, and an
approved revision in the archive keeps what was approved).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from desdesk.annual_schemas import AnnualReport, IndicatorLine
from desdesk.domain.errors import FieldProblem, ValidationFailed
from desdesk.i18n import _
from desdesk.services import annual_report_data as data

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

FIRST_YEAR = 1990  # well before L.P. 13/2010: anything earlier is a typing slip


class AnnualReportService:
    def __init__(self, workspace: Workspace, *, today: Callable[[], date] = date.today) -> None:
        self._ws = workspace
        self._today = today

    def report(self, year: int) -> AnnualReport:
        """The annual report of `year` (refused for a year not begun yet)."""
        today = self._today()
        _check_year(year, today)
        ws = self._ws
        as_of = min(date(year, 12, 31), today)
        rows = ws.members.list_rows()
        return AnnualReport(
            year=year,
            as_of=as_of,
            profile=ws.district.profile(),
            members=data.members_part(ws, rows, year, as_of),
            offices=data.offices_part(ws, year),
            assemblies=data.assemblies_part(ws, rows, year, as_of),
            objectives=data.objectives_part(ws, as_of),
            tasks=data.tasks_part(ws, year, as_of),
            budget=data.budget_part(ws, year),
            indicators=self._indicators(year, as_of),
            findings=data.critical_findings(ws, as_of),
        )

    def pdf(self, year: int) -> bytes:
        """The Rendicontazione annuale of `year` as PDF bytes (A4 portrait)."""
        from desdesk.reports.annual_report import annual_pdf

        return annual_pdf(self.report(year), generated_on=self._today())

    def _indicators(self, year: int, as_of: date) -> tuple[IndicatorLine, ...]:
        return tuple(self._ws.indicators.overview(year, as_of))


def _check_year(year: int, today: date) -> None:
    if not FIRST_YEAR <= year <= today.year:
        message = _("Scegli un anno tra il {first} e il {last}.").format(
            first=FIRST_YEAR, last=today.year
        )
        raise ValidationFailed([FieldProblem("year", message)])
