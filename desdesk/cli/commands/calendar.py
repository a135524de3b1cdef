"""`desdesk calendar FILE.des -o OUT.ics [--year Y]`: the assemblies as an iCalendar file."""

from __future__ import annotations

import argparse
from pathlib import Path

from desdesk.cli.district import district_location
from desdesk.i18n import _, ngettext
from desdesk.services.workspace import open_workspace

NAME = "calendar"


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 1900 <= year <= 2999:
        raise argparse.ArgumentTypeError(
            _("anno non valido: {value} (scrivi quattro cifre, es. 2026)").format(value=text)
        )
    return year


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help=_("esporta le assemblee in un calendario .ics (Thunderbird, Google, Outlook)")
    )
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar=_("OUT.ics"),
        help=_("il file di calendario da scrivere"),
    )
    parser.add_argument(
        "--year", type=_year, metavar=_("ANNO"), help=_("solo le assemblee di quest'anno")
    )


def run(args: argparse.Namespace) -> int:
    with open_workspace(args.file) as workspace:
        count = workspace.assemblies.export_calendar(args.output, year=args.year)
    print(
        ngettext(
            "Creato {path} con {n} assemblea.", "Creato {path} con {n} assemblee.", count
        ).format(path=args.output, n=count)
    )
    return 0
