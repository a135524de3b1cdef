"""`desdesk restore BACKUP FILE.des`: put a backup back in place of the district file.

The backup is checked first (intact, a district file); the current FILE.des is backed
up ("prima-del-ripristino") or, if damaged, renamed aside untouched
(`FILE.des.danneggiato-YYYYMMDD-HHMMSS`); then it is replaced whole. A district open in
the GUI is not replaced. A backup from an older desdesk is upgraded at the next open.
A backup of another district (another uid: FILE.des once held a different district) is
refused unless `--other-district` is given.
Exit 0 when restored, 1 when refused (the reason on stderr, FILE.des unchanged), 2 for
a usage error.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desdesk.cli.district import district_location, refuse_server_backups
from desdesk.i18n import _
from desdesk.services.backup_restore import restore

NAME = "restore"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("ripristina un backup al posto del file del distretto"),
        description=_(
            "Ripristina BACKUP al posto di FILE.des. Prima salva un backup del file "
            "attuale (o, se è danneggiato, lo mette da parte senza modificarlo). Il "
            "distretto non deve essere aperto in desdesk."
        ),
    )
    parser.add_argument("backup", type=Path, metavar=_("BACKUP"))
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument(
        "--other-district",
        action="store_true",
        help=_("ripristina anche il backup di un altro distretto, sostituendo questo"),
    )


def run(args: argparse.Namespace) -> int:
    refuse_server_backups(args.file)
    result = restore(args.backup, args.file, allow_other_district=args.other_district)
    print(
        _("Ripristinato {path} dal backup {backup}.").format(path=result.target, backup=args.backup)
    )
    if result.safety_backup is not None:
        print(_("Il file sostituito è salvato in {path}").format(path=result.safety_backup))
    if result.set_aside is not None:
        print(
            _("Il file danneggiato è stato messo da parte, senza modifiche, in {path}").format(
                path=result.set_aside
            )
        )
    return 0
