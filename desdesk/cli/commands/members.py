"""`desdesk members export FILE.des OUT.csv|OUT.xlsx` and
`desdesk members import FILE.des IN.csv|IN.xlsx [--dry-run]`.

Import is all or nothing: with any problem, each is printed on stderr as
`riga N, colonna X: …`, nothing is written and the exit code is 1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desdesk.cli.district import DistrictLocation
from desdesk.cli.spreadsheets import EXIT_OK, add_dry_run, io_actions, refuse
from desdesk.i18n import _, ngettext
from desdesk.services.workspace import open_workspace

NAME = "members"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help=_("esporta o importa il registro degli aderenti (CSV, XLSX)")
    )
    load = io_actions(
        parser,
        _("scrive gli aderenti in un file .csv o .xlsx"),
        _("aggiunge gli aderenti di un file .csv o .xlsx (tutti o nessuno)"),
    )[1]
    add_dry_run(load)


def run(args: argparse.Namespace) -> int:
    if args.action == "export":
        return _export(args.file, args.output)
    return _import(args.file, args.input, dry_run=args.dry_run)


def _export(district: DistrictLocation, output: Path) -> int:
    with open_workspace(district) as workspace:
        count = workspace.member_io.export(output)
    print(
        ngettext(
            "Esportato {n} aderente in {path}.", "Esportati {n} aderenti in {path}.", count
        ).format(n=count, path=output)
    )
    return EXIT_OK


def _import(district: DistrictLocation, source: Path, *, dry_run: bool) -> int:
    with open_workspace(district) as workspace:
        plan = workspace.member_io.plan(source)
        if plan.extra_columns:
            print(
                _("nota: colonne ignorate: {columns}").format(
                    columns=", ".join(plan.extra_columns)
                ),
                file=sys.stderr,
            )
        if not plan.ok:
            count = len(plan.problems)
            return refuse(
                plan.problems,
                ngettext(
                    "{n} problema: nessun aderente è stato importato.",
                    "{n} problemi: nessun aderente è stato importato.",
                    count,
                ).format(n=count),
            )
        if dry_run:
            count = len(plan.entries)
            print(
                ngettext(
                    "Prova: {n} aderente sarebbe importato (nulla è stato scritto).",
                    "Prova: {n} aderenti sarebbero importati (nulla è stato scritto).",
                    count,
                ).format(n=count)
            )
            return EXIT_OK
        count = workspace.member_io.apply(plan)
    print(ngettext("Importato {n} aderente.", "Importati {n} aderenti.", count).format(n=count))
    return EXIT_OK
