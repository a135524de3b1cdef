"""The child of the kill test: real edits through the services until it is killed.

Run as `python -m tests.durability.worker FILE SEED ASSEMBLY_ID CATEGORY_ID` from the
repository. It opens the district with `open_workspace` as the GUI does (automatic
backup, the secretary's name), prints `ready`, then loops:
before each service call it prints `begin <kind> <key> <value>`, and once the call has
returned (the transaction committed) `ok <kind> <key> <value>`, each line flushed at
once. An `ok` line is the child's promise that the change is on disk; the parent checks
every promise after the SIGKILL. The one `begin` without its `ok` may or may not have
been committed.

Kinds: `member` (key: member id, value: its name; the key of an add in flight is `new`),
`status` (key: member id, value: its roll-call status), `movement` (key: movement id,
value: its amount).
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from desdesk.domain.enums import AttendanceStatus
from desdesk.money_schemas import MovementInput
from desdesk.schemas import RollCallRow
from desdesk.services.backups import backup_on_opening
from desdesk.services.workspace import Workspace, open_workspace
from tests.durability.district import YEAR, Target
from tests.factories import member_input, referent_input

# No proxy: a proxy needs a present holder and makes the holder's status sticky.
STATUSES = (
    AttendanceStatus.PRESENT_PRIMARY,
    AttendanceStatus.PRESENT_SUBSTITUTE,
    AttendanceStatus.ABSENT_JUSTIFIED,
    AttendanceStatus.ABSENT,
)


def emit(*words: object) -> None:
    """One line in one write, flushed: a line the parent reads is whole."""
    sys.stdout.write(" ".join(str(word) for word in words) + "\n")
    sys.stdout.flush()


@dataclass
class Editor:
    workspace: Workspace
    target: Target
    rng: random.Random
    tag: str
    members: list[int] = field(default_factory=list)
    movements: list[int] = field(default_factory=list)
    count: int = 0

    def load(self) -> None:
        """What earlier (killed) workers left: the edits continue on the same file."""
        self.members = [row.id for row in self.workspace.members.list_rows()]
        self.movements = [m.id for m in self.workspace.budget.movements(YEAR)]

    def step(self) -> None:
        self.count += 1
        actions: list[Callable[[], None]] = [self.add_member, self.set_status, self.add_movement]
        if self.members:
            actions.append(self.rename_member)
        if self.movements:
            actions.append(self.change_amount)
        self.rng.choice(actions)()

    def label(self) -> str:
        return f"{self.tag}-{self.count}"

    def add_member(self) -> None:
        name = f"Aderente {self.label()}"
        emit("begin", "member", "new", name)
        member_id = self.workspace.members.add(
            member_input(name, tax_code="", joined_on=date(2024, 2, 1)),
            referent_input(first="Referente", last=self.label()),
        )
        emit("ok", "member", member_id, name)
        self.members.append(member_id)

    def rename_member(self) -> None:
        member_id = self.rng.choice(self.members)
        name = f"Aderente rinominato {self.label()}"
        data = replace(self.workspace.members.get(member_id).data, name=name)
        emit("begin", "member", member_id, name)
        self.workspace.members.update(member_id, data)
        emit("ok", "member", member_id, name)

    def set_status(self) -> None:
        member_id = self.rng.choice([row.member_id for row in self.roll_call()])
        status = self.rng.choice(STATUSES).value
        emit("begin", "status", member_id, status)
        self.workspace.attendance.set_status(
            self.target.assembly_id, member_id, AttendanceStatus(status)
        )
        emit("ok", "status", member_id, status)

    def roll_call(self) -> list[RollCallRow]:
        return self.workspace.attendance.roll_call(self.target.assembly_id)

    def amount(self) -> Decimal:
        return Decimal(self.rng.randint(1, 500_000)).scaleb(-2)

    def add_movement(self) -> None:
        amount = self.amount()
        day = date(YEAR, self.rng.randint(1, 12), self.rng.randint(1, 28))
        data = MovementInput(day, amount, self.target.category_id, f"Spesa {self.label()}")
        emit("begin", "movement", "new", amount)
        movement_id = self.workspace.budget.add_movement(data)
        emit("ok", "movement", movement_id, amount)
        self.movements.append(movement_id)

    def change_amount(self) -> None:
        movement_id = self.rng.choice(self.movements)
        amount = self.amount()
        data = replace(self.workspace.budget.movement(movement_id).data, amount=amount)
        emit("begin", "movement", movement_id, amount)
        self.workspace.budget.update_movement(movement_id, data)
        emit("ok", "movement", movement_id, amount)


def main(argv: list[str]) -> None:
    target, seed = Target.from_argv(argv)
    # As the GUI opens a file: a backup first, and a secretary's name for the history
    # (it changes from one worker to the next, so opening writes to the file too).
    backup = backup_on_opening(lambda message: print(message, file=sys.stderr))
    workspace = open_workspace(target.path, backup, actor=f"Segreteria {seed % 3}")
    editor = Editor(workspace, target, random.Random(seed), tag=f"k{seed}")
    editor.load()
    emit("ready")
    while True:  # until the parent kills it
        editor.step()


if __name__ == "__main__":
    main(sys.argv[1:])
