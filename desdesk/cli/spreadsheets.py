"""The `export` / `import` actions that `members` and `budget` share: the same
positional arguments, the same `--dry-run`, the same all-or-nothing refusal."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from desdesk.cli.district import district_location
from desdesk.i18n import _

EXIT_OK, EXIT_REFUSED = 0, 1


def io_actions(
    parser: argparse.ArgumentParser, export_help: str, import_help: str
) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """`export FILE.des OUT.csv|OUT.xlsx` and `import FILE.des IN.csv|IN.xlsx` under
    `parser`; the command adds its own options to either."""
    actions = parser.add_subparsers(dest="action", metavar=_("AZIONE"), required=True)
    export = actions.add_parser("export", help=export_help)
    export.add_argument("file", type=district_location, metavar=_("FILE.des"))
    export.add_argument("output", type=Path, metavar=_("OUT.csv|OUT.xlsx"))
    load = actions.add_parser("import", help=import_help)
    load.add_argument("file", type=district_location, metavar=_("FILE.des"))
    load.add_argument("input", type=Path, metavar=_("IN.csv|IN.xlsx"))
    return export, load


def add_dry_run(load: argparse.ArgumentParser) -> None:
    load.add_argument(
        "--dry-run",
        action="store_true",
        help=_("controlla il file e dice cosa importerebbe, senza scrivere nulla"),
    )


def refuse(problems: Sequence[object], summary: str) -> int:
    """Each problem on stderr, one a line, then `summary` (how many, nothing written)."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(summary, file=sys.stderr)
    return EXIT_REFUSED
