"""`desdesk backups FILE.des [--json]`: the backups of a district, newest first.

Each with its date and time, why it was taken, its size and a summary read from the
backup itself, read-only (active members, assemblies, last change, schema revision).
FILE.des need not be readable: the backups of a damaged or lost file are listed too.
Exit 0 (also when there are none), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desdesk.cli.district import district_location, refuse_server_backups
from desdesk.i18n import _
from desdesk.services.backup_summary import (
    BackupSummary,
    format_date_time,
    format_size,
    list_backups,
)

NAME = "backups"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("elenca i backup del distretto, dal più recente"),
        description=_(
            "Elenca i backup del distretto salvati da desdesk, dal più recente, ciascuno "
            "con data, motivo, dimensione e un riepilogo letto dal backup stesso."
        ),
    )
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("scrive i backup in JSON: un elenco di oggetti (path, taken_at, reason, …)"),
    )


def run(args: argparse.Namespace) -> int:
    refuse_server_backups(args.file)
    listed = list_backups(args.file)
    if args.json:
        print(json.dumps([item.as_json() for item in listed], ensure_ascii=False, indent=2))
        return 0
    if not listed:
        print(_("Nessun backup di {name}.").format(name=Path(args.file).name))
        return 0
    print(_("Backup di {name}, dal più recente:").format(name=Path(args.file).name))
    for item in listed:
        print(render(item))
    return 0


def render(item: BackupSummary) -> str:
    entry = item.entry
    line = f"{format_date_time(entry.taken_at)}  {entry.reason.label()}, {format_size(entry.size)}"
    line += f"\n    {item.describe()}"
    if item.facts is not None and item.facts.revision:
        line += " " + _("(revisione {revision})").format(revision=item.facts.revision)
    return f"{line}\n    {entry.path}"
