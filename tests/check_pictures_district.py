"""A small district for the pictures of Verifica › Quadro d'insieme: four active members
(two cooperatives, a comune, a farm) and one that left, three held assemblies, a year of
income and terms of office around 26/11/2026."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desdesk.domain.enums import AttendanceStatus
from desdesk.money_schemas import FinancialYearInput, MovementInput
from desdesk.schemas import OfficeInput
from desdesk.services.workspace import Workspace
from tests.roll_call_setup import add_members, insert_assembly, set_rules

TODAY = date(2026, 11, 26)
P, S, D, J, A = (
    AttendanceStatus.PRESENT_PRIMARY,
    AttendanceStatus.PRESENT_SUBSTITUTE,
    AttendanceStatus.PROXY,
    AttendanceStatus.ABSENT_JUSTIFIED,
    AttendanceStatus.ABSENT,
)
JOINED = date(2024, 1, 1)


def build(workspace: Workspace) -> dict[str, int]:
    """Return the ids: members by short name, assemblies a1…a3, offices."""
    ids: dict[str, int] = {}
    ids["alfa"] = add_members(
        workspace, ["Cooperativa Alfa"], JOINED, supply_chain_roles=["produzione", "consumo"]
    )[0]
    ids["beta"] = add_members(
        workspace, ["Cooperativa Beta"], JOINED, supply_chain_roles=["produzione"]
    )[0]
    ids["comune"] = add_members(
        workspace,
        ["Comune di Mori"],
        JOINED,
        legal_form="comune",
        supply_chain_roles=["consumo"],
    )[0]
    ids["maso"] = add_members(
        workspace,
        ["Maso Pilati"],
        JOINED,
        legal_form="azienda_agricola",
        supply_chain_roles=["produzione"],
    )[0]
    ids["gone"] = add_members(
        workspace, ["Zeta Uscita"], JOINED, supply_chain_roles=["finanziamento"]
    )[0]
    workspace.members.withdraw(ids["gone"], date(2026, 4, 30), "Cessata attività")
    set_rules(workspace, exclusion_threshold=2, office_notice_days=90)
    old = insert_assembly(workspace, date(2025, 6, 10), status="svolta", title="Vecchia")
    ids["a1"] = insert_assembly(workspace, date(2026, 3, 10), status="svolta", title="Prima")
    ids["a2"] = insert_assembly(workspace, date(2026, 6, 10), status="svolta", title="Seconda")
    ids["a3"] = insert_assembly(workspace, date(2026, 10, 10), status="svolta", title="Terza")
    insert_assembly(workspace, date(2026, 12, 10), title="Futura")
    attendance = workspace.attendance
    attendance.set_status(old, ids["alfa"], P)
    attendance.set_status(ids["a1"], ids["alfa"], P)
    attendance.set_status(ids["a2"], ids["alfa"], S)
    attendance.set_status(ids["a1"], ids["beta"], J)
    attendance.set_status(ids["a3"], ids["beta"], P)
    attendance.set_status(ids["a3"], ids["alfa"], D, ids["beta"])
    attendance.set_status(ids["a1"], ids["comune"], P)
    attendance.set_status(ids["a2"], ids["comune"], A)
    attendance.set_status(ids["a3"], ids["comune"], A)
    attendance.set_status(ids["a1"], ids["gone"], A)
    offices = workspace.offices
    ids["coord_old"] = offices.assign(
        OfficeInput("coordinatore", "Mario Rossi", date(2022, 1, 1), end_date=date(2025, 12, 31))
    )
    ids["coord"] = offices.assign(
        OfficeInput("coordinatore", "Anna Zeni", date(2026, 1, 1), end_date=date(2026, 12, 31))
    )
    ids["treasurer"] = offices.assign(OfficeInput("tesoriere", "Luca Pilati", date(2025, 1, 1)))
    ids["ancient"] = offices.assign(
        OfficeInput("segretario", "Ugo Antico", date(2010, 1, 1), end_date=date(2015, 12, 31))
    )
    budget = workspace.budget
    categories = {c.code: c.id for c in budget.categories()}
    budget.open_year(FinancialYearInput(2026))
    for day, amount, code in (
        (date(2026, 2, 1), "1000.00", "EA1"),
        (date(2026, 5, 5), "3000.00", "EA8"),
    ):
        budget.add_movement(MovementInput(day, Decimal(amount), categories[code]))
    return ids
