"""The plan (preventivo), the statement of a year and the multi-year view.

Amounts are added up per category in SQL-fetched rows and summed as Decimals in Python
(SQLite would sum the stored text as floats); the arithmetic of the statement itself is
the domain's `build_statement`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from sqlalchemy import delete, select
from sqlmodel import Session

from desdesk.db.models import District
from desdesk.db.money_models import BudgetCategory, FinancialYear, PlannedAmount
from desdesk.db.money_queries import (
    actual_by_category,
    category_nodes,
    has_movements,
    income_by_category_source,
    planned_by_category,
)
from desdesk.domain.budget_rules import (
    PUBLIC_SHARE_WARNING_PERCENT,
    CategoryNode,
    Statement,
    build_statement,
    public_share,
    structure_cost_share,
)
from desdesk.domain.errors import FieldProblem, ValidationFailed
from desdesk.domain.money import ZERO, to_cents
from desdesk.domain.money_checks import year_bounds, year_problem
from desdesk.domain.money_enums import Flow, FundingSource
from desdesk.i18n import _, format_money
from desdesk.money_schemas import YearColumn, YearStatement
from desdesk.services.budget_years import cash_lines


def set_plan(session: Session, year: int, amounts: Mapping[int, Decimal | None]) -> None:
    """Writes the plan of `year` for the given categories (None or zero removes the line).
    A future year needs no row to be planned (that is the forecast); a closed year's
    plan is refused."""
    _require_plannable(session, year)
    nodes = {node.id: node for node in category_nodes(session)}
    parents = {node.parent_id for node in nodes.values()}
    problems: list[FieldProblem] = []
    clean: dict[int, Decimal | None] = {}
    for category_id, amount in amounts.items():
        node = nodes.get(category_id)
        if node is None:
            problems.append(FieldProblem("category_id", _("La categoria non esiste più.")))
            continue
        label = f"{node.code} {node.name}"
        if category_id in parents:
            message = _("“{category}” raggruppa altre categorie: pianifica le sue voci.")
            problems.append(FieldProblem("category_id", message.format(category=label)))
        elif amount is not None and amount < 0:
            message = _("L'importo previsto per “{category}” non può essere negativo ({amount}).")
            problems.append(
                FieldProblem("amount", message.format(category=label, amount=format_money(amount)))
            )
        else:
            clean[category_id] = None if amount is None or amount == 0 else to_cents(amount)
    if problems:
        raise ValidationFailed(problems)
    _write_plan(session, year, clean)


def _require_plannable(session: Session, year: int) -> None:
    row = session.get(FinancialYear, year)
    if row is not None and row.closed:
        message = _("L'anno {year} è chiuso: riaprilo prima di modificarne il preventivo.")
        raise ValidationFailed([FieldProblem("year", message.format(year=year))])
    if problem := year_problem(year):
        raise ValidationFailed([problem])


def _write_plan(session: Session, year: int, amounts: Mapping[int, Decimal | None]) -> None:
    existing = {
        row.category_id: row
        for row in session.scalars(select(PlannedAmount).where(PlannedAmount.year == year))
    }
    removed = [i for i, amount in amounts.items() if amount is None and i in existing]
    if removed:
        session.execute(
            delete(PlannedAmount).where(
                PlannedAmount.year == year,
                PlannedAmount.category_id.in_(removed),  # type: ignore[attr-defined]
            )
        )
    for category_id, amount in amounts.items():
        if amount is None:
            continue
        if category_id in existing:
            existing[category_id].amount = amount
        else:
            session.add(PlannedAmount(year=year, category_id=category_id, amount=amount))
    session.flush()


def _statement(session: Session, nodes: list[CategoryNode], year: int) -> Statement:
    return build_statement(
        nodes,
        planned_by_category(session, year),
        actual_by_category(session, *year_bounds(year)),
    )


def _income_by_source(
    session: Session, nodes: list[CategoryNode], year: int
) -> dict[FundingSource, Decimal]:
    """The operating income (sections A–E) of the year per funding source."""
    operating = {n.id for n in nodes if n.flow is Flow.INCOME and n.section.is_operating}
    mix: dict[FundingSource, Decimal] = defaultdict(lambda: ZERO)
    for (category_id, source), amount in income_by_category_source(
        session, *year_bounds(year)
    ).items():
        if category_id in operating:
            mix[_source(source)] += amount
    return dict(mix)


def _source(code: str | None) -> FundingSource:
    try:
        return FundingSource(code) if code else FundingSource.OTHER
    except ValueError:
        return FundingSource.OTHER


def _has_year(session: Session, year: int) -> bool:
    return session.get(FinancialYear, year) is not None


def year_statement(session: Session, year: int) -> YearStatement:
    nodes = category_nodes(session)
    actual = actual_by_category(session, *year_bounds(year))
    current = build_statement(nodes, planned_by_category(session, year), actual)
    previous = None
    if _has_year(session, year - 1) or has_movements(session, *year_bounds(year - 1)):
        previous = _statement(session, nodes, year - 1)
    mix = _income_by_source(session, nodes, year)
    row = session.get(FinancialYear, year)
    return YearStatement(
        year=year,
        statement=current,
        previous=previous,
        cash=cash_lines(session, year),
        income_by_source=mix,
        public_share=public_share(mix),
        structure_share=structure_cost_share(nodes, actual),
        closed=bool(row and row.closed),
        public_share_limit=public_share_limit(session),
    )


def public_share_limit(session: Session) -> Decimal:
    """The district's H5 threshold, in percent."""
    limit = session.execute(select(District.public_share_warning_percent)).scalar()
    return Decimal(limit) if limit is not None else PUBLIC_SHARE_WARNING_PERCENT


def planned_sources(
    session: Session, nodes: list[CategoryNode], year: int
) -> dict[FundingSource, Decimal]:
    """The operating income planned for `year` per funding source: each category's
    default source (or the nearest ancestor's), "altro" when none says."""
    rows = {row.id: row for row in session.scalars(select(BudgetCategory))}

    def source_of(category_id: int | None) -> FundingSource:
        while category_id is not None and category_id in rows:
            row = rows[category_id]
            if row.default_source:
                return _source(row.default_source)
            category_id = row.parent_id
        return FundingSource.OTHER

    operating = {n.id for n in nodes if n.flow is Flow.INCOME and n.section.is_operating}
    mix: dict[FundingSource, Decimal] = defaultdict(lambda: ZERO)
    for category_id, amount in planned_by_category(session, year).items():
        if category_id in operating:
            mix[source_of(category_id)] += amount
    return dict(mix)


def year_columns(
    session: Session, current_year: int, past: int, forecast: int
) -> tuple[YearColumn, ...]:
    """Up to `past` earlier years on file (actuals), the current year, the next
    `forecast` years (their plan; they need not be on file)."""
    nodes = category_nodes(session)
    on_file = {
        y
        for (y,) in session.execute(
            select(FinancialYear.year).where(FinancialYear.year < current_year)
        )
    }
    earlier = sorted(on_file)[-past:] if past > 0 else []
    kinds = [(y, "consuntivo") for y in earlier] + [(current_year, "corrente")]
    kinds += [(current_year + n, "previsione") for n in range(1, forecast + 1)]
    return tuple(
        YearColumn(
            year=y,
            kind=kind,
            statement=_statement(session, nodes, y),
            planned_sources=planned_sources(session, nodes, y),
        )
        for y, kind in kinds
    )
