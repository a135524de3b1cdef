"""`desdesk report register|contacts FILE.des -o OUT.pdf`: a district document as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _
from desdesk.services.documents import CONTACTS, KINDS, REGISTER, DocumentsService
from desdesk.services.workspace import open_workspace

NAME = "report"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("crea un documento PDF del distretto"),
        description=_(
            "Crea un documento PDF del distretto: {register} (libro degli aderenti) "
            "o {contacts} (contatti dei referenti)."
        ).format(register=REGISTER, contacts=CONTACTS),
    )
    parser.add_argument("document", choices=KINDS, metavar=_("DOCUMENTO"), help=" | ".join(KINDS))
    parser.add_argument("file", type=Path, metavar=_("FILE.des"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar=_("OUT.pdf"),
        help=_("il file PDF da scrivere"),
    )


def run(args: argparse.Namespace) -> int:
    district: Path = args.file
    output: Path = args.output
    if output.resolve() == district.resolve():
        raise DesdeskError(
            _("Il PDF non può sostituire il file del distretto {path}.").format(path=district)
        )
    with open_workspace(district) as workspace:
        data = workspace.documents.pdf(args.document)
    DocumentsService.save_pdf(data, output)
    print(
        _("Creato {path} ({title})").format(
            path=output, title=DocumentsService.title(args.document)
        )
    )
    return 0
