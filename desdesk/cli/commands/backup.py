"""`desdesk backup FILE.des [-o OUT]`: a checked backup of the district, now.

Without `-o` it goes to the district's backup folder in the user data folder (the one
the GUI's automatic backups and «Ripristina…» use; `desdesk backups FILE.des` lists it)
and the rotation runs; with `-o OUT` it is written to OUT (a file, or a folder to put
it in) and nothing is rotated. Exit 0 with the backup's path on stdout; 1 when the file
cannot be backed up (damaged, not a district file, a full or read-only disk), with the
reason on stderr and nothing written; 2 for a usage error.

Automatic backups: only the GUI makes them, on open and on close. The other commands
(`members`, `check`, `report`, …) do not: they are short reads or scripted edits, a
script can run `desdesk backup FILE.des` before them, and a backup on every call
of a loop would push the real history out of the rotation.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desdesk.cli.district import district_location, refuse_server_backups
from desdesk.i18n import _
from desdesk.services.backups import back_up_now

NAME = "backup"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("salva subito un backup controllato del distretto"),
        description=_(
            "Salva un backup del distretto, controllato con PRAGMA quick_check, nella "
            "cartella dei backup di desdesk (o in OUT con -o). Esce con 0 se il backup è "
            "salvato, con 1 se non è stato possibile."
        ),
    )
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("OUT"),
        help=_("dove salvare il backup: un file o una cartella (predefinita: cartella dei backup)"),
    )


def run(args: argparse.Namespace) -> int:
    refuse_server_backups(args.file)
    saved = back_up_now(args.file, args.output)
    print(_("Backup salvato: {path}").format(path=saved))
    return 0
