"""The district the kill test edits, and what the worker is told about it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desdesk.money_schemas import FinancialYearInput
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import create_workspace
from tests.roll_call_setup import add_members, insert_assembly

YEAR = 2026
ASSEMBLY_DAY = date(2026, 3, 10)
FIRST_MEMBERS = ["Aderente Alfa", "Aderente Beta", "Aderente Gamma", "Aderente Delta"]
EXPENSE_CODE = "UA2"


@dataclass(frozen=True, slots=True)
class Target:
    """Where the worker writes: the file, the assembly of the roll call, the category."""

    path: Path
    assembly_id: int
    category_id: int

    def argv(self, seed: int) -> list[str]:
        return [str(self.path), str(seed), str(self.assembly_id), str(self.category_id)]

    @classmethod
    def from_argv(cls, argv: list[str]) -> tuple[Target, int]:
        path, seed, assembly_id, category_id = argv
        return cls(Path(path), int(assembly_id), int(category_id)), int(seed)


def prepare(path: Path) -> Target:
    """A district with members joined before an assembly already held (so the roll call
    can change) and an open financial year."""
    with create_workspace(
        path, DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")
    ) as workspace:
        add_members(workspace, FIRST_MEMBERS, joined_on=date(2024, 1, 10))
        assembly_id = insert_assembly(workspace, ASSEMBLY_DAY)
        workspace.budget.open_year(FinancialYearInput(YEAR))
        codes = {category.code: category.id for category in workspace.budget.categories()}
        return Target(path, assembly_id, codes[EXPENSE_CODE])
