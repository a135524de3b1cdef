"""`desdesk documents list FILE.des [--json]` and `desdesk documents get FILE.des ID -o
OUT.pdf [--signed]`: the district's archive of documents, and one document's exact bytes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desdesk.cli.district import district_location
from desdesk.document_schemas import ArchivedDocumentRow
from desdesk.domain.documents import DocumentKind
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _, format_date
from desdesk.services.workspace import open_workspace

NAME = "documents"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help=_("l'archivio dei documenti del distretto: elenco e copie esatte")
    )
    actions = parser.add_subparsers(dest="action", metavar=_("AZIONE"), required=True)
    listing = actions.add_parser(
        "list",
        help=_(
            "scrive l'elenco dei documenti: numero, stato, revisione, titolo, approvazione, "
            "firma, invio"
        ),
    )
    listing.add_argument("file", type=district_location, metavar=_("FILE.des"))
    listing.add_argument("--json", action="store_true", help=_("scrive l'elenco in JSON"))
    listing.add_argument(
        "--kind", choices=[str(k) for k in DocumentKind], metavar=_("TIPO"),
        help=" | ".join(str(k) for k in DocumentKind),
    )  # fmt: skip
    listing.add_argument(
        "--year", type=int, metavar=_("AAAA"), help=_("solo i documenti dell'anno")
    )
    getting = actions.add_parser(
        "get", help=_("scrive i byte esatti di un documento dell'archivio")
    )
    getting.add_argument("file", type=district_location, metavar=_("FILE.des"))
    getting.add_argument("id", type=int, metavar=_("NUMERO"))
    getting.add_argument("-o", "--output", type=Path, required=True, metavar=_("OUT.pdf"))
    getting.add_argument("--signed", action="store_true", help=_("la copia firmata digitalmente"))


def run(args: argparse.Namespace) -> int:
    if args.action == "get":
        return _get(args)
    kind = DocumentKind(args.kind) if args.kind else None
    with open_workspace(args.file) as workspace:
        rows = workspace.archive.rows(kind, args.year)
    if args.json:
        print(json.dumps([as_json(r) for r in rows], ensure_ascii=False, indent=2))
    elif not rows:
        print(_("Nessun documento nell'archivio."))
    else:
        for row in rows:
            print("\t".join(as_text(row)))
    return 0


def _get(args: argparse.Namespace) -> int:
    with open_workspace(args.file) as workspace:
        row = workspace.archive.get(args.id)
        if args.signed and not row.signed:
            raise DesdeskError(
                _("{title} non ha una copia firmata digitalmente.").format(title=row.title)
            )
        workspace.documents.check_target(args.output)
        data = workspace.archive.pdf(args.id, signed=args.signed)
        workspace.documents.save_pdf(data, args.output)
    print(_("Creato {path} ({title})").format(path=args.output, title=row.title))
    return 0


def state_label(row: ArchivedDocumentRow) -> str:
    if not row.approved:
        return _("Bozza")
    return _("Approvato, rev. {revision}").format(revision=row.revision)


def as_text(row: ArchivedDocumentRow) -> list[str]:
    approval = ""
    if row.approved_on is not None:
        approval = _("il {day} da {name}").format(
            day=format_date(row.approved_on), name=row.approved_by
        )
    return [
        str(row.id),
        state_label(row),
        row.title,
        approval,
        _("firmato da {signers}").format(signers=row.signers) if row.signed else "",
        _("inviato il {day}").format(day=format_date(row.sent_at)) if row.sent_at else "",
    ]


def as_json(row: ArchivedDocumentRow) -> dict[str, object]:
    return {
        "id": row.id,
        "kind": str(row.kind),
        "title": row.title,
        "subject": row.subject,
        "year": row.year,
        "created_at": row.created_at.isoformat(),
        "approved": row.approved,
        "revision": row.revision,
        "approved_on": row.approved_on.isoformat() if row.approved_on else None,
        "approved_by": row.approved_by,
        "approver_office": row.approver_office,
        "sha256": row.sha256,
        "content_sha256": row.content_sha256,
        "size": row.size,
        "signed": row.signed,
        "signed_at": row.signed_at.isoformat() if row.signed_at else None,
        "signers": row.signers,
        "sent_at": row.sent_at.isoformat() if row.sent_at else None,
    }
