"""The district check (issue 5): the district's data as `DistrictFacts`, the findings of
the rules (C1–C12, H1–H10), the counts for the main window's badge, the thresholds.

`facts()` reads every table once with plain SQL (`desdesk.db.check_queries`), the
approved annual reports from the archive (H8: year → day of approval) and the accounts
through the budget service (on a 5,000-member, 20-year district facts() and the rules
take about 0.6 s together); the rules themselves are pure
(`desdesk.domain.check_rules.run_check`).
"""

from __future__ import annotations

import calendar
from dataclasses import fields, replace
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from desdesk.check_schemas import CheckReport
from desdesk.db import check_queries as q
from desdesk.db.models import District
from desdesk.domain.check_rules import run_check
from desdesk.domain.check_types import (
    AssemblyFact,
    CheckSettings,
    DistrictFacts,
    DocumentFact,
    GrowthActionFact,
    Level,
    MemberFact,
    MoneyFacts,
    ObjectiveFact,
    OfficeFact,
    ParticipationFact,
    PersonFact,
    Phase,
    TaskFact,
)
from desdesk.domain.documents import DocumentKind
from desdesk.domain.enums import Nature, OfficeKind, ReferentKind, SupplyChainRole, TaskStatus
from desdesk.domain.errors import FieldProblem, NotFound, ValidationFailed
from desdesk.domain.legal_forms import nature_of
from desdesk.domain.money import ZERO
from desdesk.i18n import _
from desdesk.services.base import Service

if TYPE_CHECKING:
    from desdesk.services.workspace import Workspace

# The settings stored on the district (assembly_gap_months is the toolkit's fixed 6).
_COLUMNS = (
    "exclusion_threshold",
    "participation_threshold_percent",
    "public_share_warning_percent",
    "structure_cost_target_percent",
    "office_notice_days",
    "office_min_years",
    "report_deadline_month",
    "report_deadline_day",
)
_PERCENTAGES = (
    "participation_threshold_percent",
    "public_share_warning_percent",
    "structure_cost_target_percent",
)
_ROLES = {role.value for role in SupplyChainRole}


def year_ago(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def settings_problems(settings: CheckSettings) -> list[FieldProblem]:
    """What is wrong with the thresholds, field by field (empty: they can be saved)."""
    problems = []
    for name in _PERCENTAGES:
        value = getattr(settings, name)
        if value is not None and not 0 <= value <= 100:
            problems.append(FieldProblem(name, _("Una percentuale va da 0 a 100.")))
    if settings.exclusion_threshold < 1:
        problems.append(
            FieldProblem("exclusion_threshold", _("Le assenze consecutive sono almeno 1."))
        )
    if settings.office_notice_days < 0:
        problems.append(FieldProblem("office_notice_days", _("I giorni non sono negativi.")))
    if settings.office_min_years < 0:
        problems.append(FieldProblem("office_min_years", _("Gli anni non sono negativi.")))
    month, day = settings.report_deadline_month, settings.report_deadline_day
    if not 1 <= month <= 12:
        problems.append(FieldProblem("report_deadline_month", _("Il mese va da 1 a 12.")))
    elif not 1 <= day <= calendar.monthrange(2024, month)[1]:  # a leap year: 29/02 is fine
        problems.append(
            FieldProblem(
                "report_deadline_day", _("Il mese scelto non ha il giorno {day}.").format(day=day)
            )
        )
    return problems


class DistrictCheckService(Service):
    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.sessions)
        self._workspace = workspace

    # -- the facts ---------------------------------------------------------------------
    def facts(self, today: date | None = None) -> DistrictFacts:
        day = today or date.today()
        annual_reports = self._workspace.archive.approved_years(DocumentKind.ANNUAL)
        with self._reading() as session:
            connection = session.connection()
            district = q.district(connection)
            if district is None:
                raise NotFound(_("Il file non contiene un distretto."))
            settings = _settings(district[4:])
            facts = DistrictFacts(
                today=day,
                name=district[0],
                mission=district[1] or "",
                governance=district[2] or "",
                business_plan={k: str(v) for k, v in district[3].items()},
                settings=settings,
                members=_members(connection, day),
                offices=tuple(
                    OfficeFact(i, OfficeKind(kind), person, start, end, member)
                    for i, kind, person, start, end, member in q.offices(connection)
                ),
                objectives=tuple(ObjectiveFact(*row) for row in q.objectives(connection)),
                documents=tuple(DocumentFact(*row) for row in q.documents(connection)),
                assemblies=tuple(AssemblyFact(*row) for row in q.assemblies(connection)),
                participation=_participation(connection, day),
                tasks=tuple(
                    TaskFact(i, member, text, due, status == TaskStatus.DONE.value, done or due)
                    for i, member, text, due, status, done in q.tasks(connection)
                ),
                growth_actions=tuple(
                    GrowthActionFact(*row) for row in q.growth_actions(connection)
                ),
                money=self._money_plan(connection, day),
                annual_reports=annual_reports,
            )
            years = [y for y in q.financial_years(connection) if y <= day.year]
        return _with_accounts(facts, self._workspace, years)

    def _money_plan(self, connection: Connection, day: date) -> MoneyFacts:
        years, sources = q.forecast(connection, day.year)
        return MoneyFacts(
            None,
            investments=q.investments(connection),
            forecast_years=years,
            planned_sources=sources,
        )

    # -- the findings ------------------------------------------------------------------
    def report(self, phase: Phase | None = None, today: date | None = None) -> CheckReport:
        facts = self.facts(today)
        return CheckReport(
            today=facts.today,
            district_name=facts.name,
            findings=tuple(run_check(facts, phase)),
            settings=facts.settings,
        )

    def counts(self, today: date | None = None) -> tuple[int, int]:
        """(errors, warnings) over both phases, for the Verifica entry's badge."""
        report = self.report(today=today)
        return report.count(Level.ERROR), report.count(Level.WARNING)

    def pdf(self, today: date | None = None) -> bytes:
        """Verifica del distretto: the checklist of both phases with the verdict."""
        from desdesk.reports.check import check_pdf

        report = self.report(today=today)
        return check_pdf(self._workspace.district.profile(), report)

    # -- the thresholds ----------------------------------------------------------------
    def settings(self) -> CheckSettings:
        with self._reading() as session:
            district = q.district(session.connection())
        return CheckSettings() if district is None else _settings(district[4:])

    def update_settings(self, settings: CheckSettings) -> None:
        """Save the thresholds (exclusion_threshold is the assemblies' setting too)."""
        problems = settings_problems(settings)
        if problems:
            raise ValidationFailed(problems)
        with self._unit_of_work() as session:
            district = session.execute(select(District).order_by(District.id)).scalars().first()
            if district is None:
                raise NotFound(_("Il file non contiene un distretto."))
            for name in _COLUMNS:
                setattr(district, name, getattr(settings, name))


def _settings(values: tuple[object, ...]) -> CheckSettings:
    stored = dict(zip(_COLUMNS, values, strict=True))
    defaults = CheckSettings()
    known = {f.name for f in fields(CheckSettings)}
    kwargs = {
        name: (
            getattr(defaults, name)
            if value is None and name != "structure_cost_target_percent"
            else value
        )
        for name, value in stored.items()
        if name in known
    }
    return CheckSettings(**kwargs)


def _members(connection: Connection, day: date) -> tuple[MemberFact, ...]:
    primaries: dict[int, tuple[int, PersonFact]] = {}
    substitutes: dict[int, PersonFact] = {}
    for i, member_id, kind, name, email, phone in q.referents(connection, day):
        person = PersonFact(name, email, phone)
        if kind == ReferentKind.PRIMARY.value:
            primaries.setdefault(member_id, (i, person))
        else:
            substitutes.setdefault(member_id, person)
    facts = []
    for i, name, form, override, aes, roles, joined, left in q.members(connection):
        primary = primaries.get(i)
        facts.append(
            MemberFact(
                id=i,
                name=name,
                legal_form=form,
                nature=nature_of(form, Nature(override) if override else None),
                aes_subscriber=aes,
                roles=frozenset(SupplyChainRole(r) for r in roles if r in _ROLES),
                joined_on=joined,
                left_on=left,
                primary=primary[1] if primary else None,
                primary_id=primary[0] if primary else None,
                substitute=substitutes.get(i),
            )
        )
    return tuple(facts)


def _participation(connection: Connection, day: date) -> tuple[ParticipationFact, ...]:
    """Attendance over the 12 months up to `day`; the absence run over every assembly."""
    window = q.participation(connection, year_ago(day), day)
    runs = q.absence_runs(connection, day)
    ids = sorted(set(window) | set(runs))
    return tuple(
        ParticipationFact(m, *window.get(m, (0, 0)), consecutive_absences=runs.get(m, 0))
        for m in ids
    )


def _with_accounts(facts: DistrictFacts, workspace: Workspace, years: list[int]) -> DistrictFacts:
    """H5's share of this year's income, or of the last year that had any (`years`: the
    financial years up to today's, newest first); H6 stays on this year's expenses when
    it has some, even without income."""
    budget = workspace.budget
    plan = facts.money
    current = budget.statement(years[0]) if years else None
    for year in years:
        statement = current if year == years[0] and current else budget.statement(year)
        total = sum(statement.income_by_source.values(), ZERO)
        if total:
            structure = statement
            if current is not None and current.structure_share is not None:
                structure = current
            money = replace(
                plan,
                year=year,
                income_total=total,
                public_share=statement.public_share,
                structure_share=structure.structure_share,
                structure_year=structure.year,
            )
            return replace(facts, money=money)
    if current is not None and current.structure_share is not None:
        money = replace(
            plan,
            year=current.year,
            structure_share=current.structure_share,
            structure_year=current.year,
        )
        return replace(facts, money=money)
    return replace(facts, money=replace(plan, year=years[0] if years else None))
