"""`desdesk verify FILE.des DOC.pdf`: is this PDF an approved document of the district?

Exit 0 when DOC.pdf is, byte for byte, an approved revision kept in the district's
archive (or the digitally signed copy of one), saying which document and revision;
exit 1 when it is not (modified, never approved, or of another district).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desdesk.document_schemas import Verification
from desdesk.domain.errors import os_error_reason
from desdesk.i18n import _, format_date
from desdesk.services.archive import sha256_hex
from desdesk.services.workspace import open_workspace

NAME = "verify"
EXIT_NOT_APPROVED = 1
EXIT_USAGE = 2


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("controlla se un PDF è un documento approvato del distretto, non modificato"),
        description=_(
            "Controlla se DOC.pdf è, byte per byte, un documento approvato conservato "
            "nell'archivio del distretto (o la sua copia firmata digitalmente). Esce con 0 "
            "se lo è, indicando il documento e la revisione, con 1 se non lo è."
        ),
    )
    parser.add_argument("file", type=Path, metavar=_("FILE.des"))
    parser.add_argument("document", type=Path, metavar=_("DOC.pdf"))


def run(args: argparse.Namespace) -> int:
    try:
        data = Path(args.document).read_bytes()
    except OSError as exc:
        message = _("non riesco a leggere {path}: {reason}").format(
            path=args.document, reason=os_error_reason(exc)
        )
        print(_("desdesk verify: errore: {message}").format(message=message), file=sys.stderr)
        return EXIT_USAGE
    with open_workspace(args.file) as workspace:
        district = workspace.district.profile().name
        found = workspace.archive.verify(data)
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


def describe(found: Verification, district: str) -> str:
    document = found.document
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
        text += " " + _("È la copia firmata digitalmente da {signers}.").format(
            signers=document.signers or "—"
        )
    return text
