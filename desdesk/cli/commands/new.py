"""`desdesk new FILE.des --name NAME --kind territoriale|tematico [--territory T | --sector N]`.

Given a `postgresql://` address instead of FILE.des, the district is made in that
database, which must be empty.
"""

from __future__ import annotations

import argparse

from desdesk.cli.district import district_location, shown
from desdesk.domain.enums import DistrictKind
from desdesk.i18n import _
from desdesk.schemas import DistrictProfile
from desdesk.services.workspace import create_workspace

NAME = "new"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(NAME, help=_("crea un nuovo file di distretto"))
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument("--name", required=True, help=_("nome del distretto"))
    parser.add_argument(
        "--kind", required=True, choices=[k.value for k in DistrictKind], help=_("tipo di DES")
    )
    parser.add_argument("--territory", default="", help=_("territorio (DES territoriale)"))
    parser.add_argument("--sector", type=int, help=_("settore 1–13 (DES tematico)"))


def run(args: argparse.Namespace) -> int:
    profile = DistrictProfile(
        name=args.name, kind=args.kind, territory=args.territory, sector=args.sector
    )
    with create_workspace(args.file, profile):
        pass
    print(_("Creato {path}").format(path=shown(args.file)))
    return 0
