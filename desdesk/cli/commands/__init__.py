"""Sub-commands of `desdesk`. Each module has `NAME`, `add_parser(subparsers)` and `run(args)`."""

from __future__ import annotations

import argparse
from types import ModuleType
from typing import Protocol

from desdesk.cli.commands import (
    assemblies,
    backup,
    backups,
    budget,
    calendar,
    check,
    demo,
    documents,
    members,
    new,
    person,
    report,
    restore,
    verify,
)


class Command(Protocol):
    NAME: str

    def add_parser(self, subparsers: argparse._SubParsersAction) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


_MODULES: tuple[ModuleType, ...] = (
    new,
    demo,
    members,
    report,
    assemblies,
    calendar,
    budget,
    check,
    verify,
    documents,
    backup,
    backups,
    restore,
    person,
)
COMMANDS: dict[str, Command] = {module.NAME: module for module in _MODULES}
