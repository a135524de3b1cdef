"""`desdesk report register|contacts FILE.des -o OUT.pdf`: a district document as PDF."""

from __future__ import annotations

import argparse
from pathlib import Path

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
    output: Path = args.output
    with open_workspace(args.file) as workspace:
        # The service refuses to write the PDF over the district file itself.
        workspace.documents.save_pdf(workspace.documents.pdf(args.document), output)
    print(
        _("Creato {path} ({title})").format(
            path=output, title=DocumentsService.title(args.document)
        )
    )
    return 0
