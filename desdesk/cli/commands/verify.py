"""`desdesk verify FILE.des DOC.pdf`: is this PDF an approved document of the district?

Exit 0 when DOC.pdf is, byte for byte, an approved revision kept in the district's
archive (or a digitally signed copy of one), saying which document and revision;
exit 1 when it is not (modified, never approved, or of another district); exit 2 when
DOC.pdf or the district file cannot be read. `--footprint "3F2A 91C0 5D7E 0B44"` traces a
printed copy instead: the footprint is the one in its footer.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desdesk.cli.district import district_location
from desdesk.document_schemas import ArchivedDocumentRow, Verification
from desdesk.domain.errors import DesdeskError, os_error_reason
from desdesk.i18n import _, format_date
from desdesk.services.archive import sha256_hex
from desdesk.services.workspace import Workspace, open_workspace

NAME = "verify"
EXIT_NOT_APPROVED = 1
EXIT_USAGE = 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("controlla se un PDF è un documento approvato del distretto, non modificato"),
        description=_(
            "Controlla se DOC.pdf è, byte per byte, un documento approvato conservato "
            "nell'archivio del distretto (o una sua copia firmata digitalmente). Esce con 0 "
            "se lo è, indicando il documento e la revisione, con 1 se non lo è, con 2 se un "
            "file non si può leggere. Con --footprint cerca invece il documento approvato "
            "la cui impronta è stampata a piè di pagina di una copia su carta."
        ),
    )
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument("document", type=Path, nargs="?", metavar=_("DOC.pdf"))
    parser.add_argument(
        "--footprint",
        metavar=_("IMPRONTA"),
        help=_('l\'impronta stampata nel piè di pagina, ad esempio "3F2A 91C0 5D7E 0B44"'),
    )


def _fail(message: str) -> int:
    print(_("desdesk verify: errore: {message}").format(message=message), file=sys.stderr)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    if (args.document is None) == (args.footprint is None):
        return _fail(_("indica DOC.pdf oppure --footprint, uno solo dei due"))
    data = b""
    if args.document is not None:
        try:
            data = Path(args.document).read_bytes()
        except OSError as exc:
            return _fail(
                _("non riesco a leggere {path}: {reason}").format(
                    path=args.document, reason=os_error_reason(exc)
                )
            )
    try:
        with open_workspace(args.file) as workspace:
            if args.footprint is not None:
                return _trace(workspace, args.footprint)
            district = workspace.district.profile().name
            found = workspace.archive.verify(data)
    except DesdeskError as exc:
        return _fail(exc.message)
    if not found.matches:
        print(
            _(
                "NON VERIFICATO: {path} non è un documento approvato di {district}, "
                "oppure è stato modificato dopo l'approvazione (SHA-256 {sha})."
            ).format(path=args.document, district=district, sha=sha256_hex(data))
        )
        return EXIT_NOT_APPROVED
    print(describe(found, district))
    return 0


def _trace(workspace: Workspace, footprint: str) -> int:
    district = workspace.district.profile().name
    rows = workspace.archive.with_footprint(footprint)
    if not rows:
        print(
            _(
                "NON TROVATO: nessun documento approvato di {district} ha l'impronta {value}."
            ).format(district=district, value=footprint)
        )
        return EXIT_NOT_APPROVED
    for row in rows:
        print(describe(Verification(row), district))
        print(_("  SHA-256 del PDF approvato: {sha}").format(sha=row.sha256))
    return 0


def describe(found: Verification, district: str) -> str:
    document: ArchivedDocumentRow | None = found.document
    assert document is not None and document.approved_on is not None
    who = document.approved_by
    if document.approver_office:
        who += f" ({document.approver_office})"
    text = _(
        "VERIFICATO: documento approvato di {district}: {title}, revisione {revision}, "
        "approvato il {day} da {who}."
    ).format(
        district=district,
        title=document.title,
        revision=document.revision,
        day=format_date(document.approved_on),
        who=who,
    )
    if found.signed_copy:
        text += " " + _("È una copia firmata digitalmente (firme: {signers}).").format(
            signers=document.signers or "—"
        )
    return text
