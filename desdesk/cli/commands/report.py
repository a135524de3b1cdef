"""`desdesk report DOCUMENT FILE.des -o OUT.pdf`: a district document as PDF.

`register` and `contacts` take nothing more; `convocation`, `notice` and `minutes` the
assembly (`--assembly ID`, ids from `desdesk assemblies list`); `attendance` an
optional period (`--from`, `--to`); `budget`, `plan` and `indicators` the year
(`--year Y`, by default the current one); `check` (the district check's checklist with
its verdict) nothing more; `annual` the year (by default last year); `agreement` nothing.
Every document built is kept in the district's archive (as a draft, or approved with
`--approve NAME [--office CARICA]`), and the file written is the archived bytes.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from desdesk.cli.district import district_location, shown
from desdesk.document_schemas import Approval, ArchivedDocumentRow, DocumentRequest
from desdesk.domain.documents import DocumentKind, footprint
from desdesk.domain.errors import InvalidValue
from desdesk.domain.money_checks import FIRST_YEAR, LAST_YEAR
from desdesk.domain.values import parse_date
from desdesk.i18n import _
from desdesk.services.documents import (
    ASSEMBLY_KINDS,
    ATTENDANCE,
    CONTACTS,
    CONVOCATION,
    KINDS,
    MINUTES,
    NOTICE,
    REGISTER,
)
from desdesk.services.money_documents import KINDS as MONEY_KINDS
from desdesk.services.workspace import Workspace, open_workspace

NAME = "report"
CHECK = "check"
ANNUAL = str(DocumentKind.ANNUAL)
AGREEMENT = str(DocumentKind.AGREEMENT)
DOCUMENTS = (*KINDS, *ASSEMBLY_KINDS, ATTENDANCE, *MONEY_KINDS, CHECK, ANNUAL, AGREEMENT)
YEARLY_KINDS = (*MONEY_KINDS, ANNUAL)
EXIT_USAGE = 2


def _day(text: str) -> date:
    try:
        return parse_date(text)
    except InvalidValue as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            _("numero non valido: {value} (scrivi un intero positivo)").format(value=text)
        )
    return int(text)


def _year(text: str) -> int:
    if not text.isdigit() or not FIRST_YEAR <= int(text) <= LAST_YEAR:
        raise argparse.ArgumentTypeError(
            _("anno non valido: {value} (scrivi l'anno con quattro cifre, ad esempio 2026)").format(
                value=text
            )
        )
    return int(text)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("crea un documento PDF del distretto"),
        description=_(
            "Crea un documento PDF del distretto: {register} (libro degli aderenti), "
            "{contacts} (contatti dei referenti), {convocation} (lettere di convocazione), "
            "{notice} (avviso di convocazione), {minutes} (verbale) con --assembly, "
            "{attendance} (registro presenze) con --from e --to facoltativi, "
            "{budget} (rendiconto per cassa), {plan} (piano finanziario) e {indicators} "
            "(indicatori di monitoraggio) con --year (predefinito: l'anno in corso), "
            "{check} (verifica del distretto, con l'esito), {annual} (rendicontazione "
            "annuale) con --year (predefinito: l'anno scorso), {agreement} (accordo "
            "volontario di costituzione). Con --approve il documento è approvato: "
            "l'archivio del distretto ne conserva i byte esatti, con la revisione e "
            "l'impronta stampate a piè di ogni pagina."
        ).format(
            check=CHECK,
            annual=ANNUAL,
            agreement=AGREEMENT,
            budget=MONEY_KINDS[0],
            plan=MONEY_KINDS[1],
            indicators=MONEY_KINDS[2],
            register=REGISTER,
            contacts=CONTACTS,
            convocation=CONVOCATION,
            notice=NOTICE,
            minutes=MINUTES,
            attendance=ATTENDANCE,
        ),
    )
    parser.add_argument(
        "document", choices=DOCUMENTS, metavar=_("DOCUMENTO"), help=" | ".join(DOCUMENTS)
    )
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar=_("OUT.pdf"),
        help=_("il file PDF da scrivere"),
    )
    parser.add_argument(
        "--assembly",
        type=_positive,
        metavar=_("ID"),
        help=_("l'assemblea (per convocation, notice, minutes)"),
    )
    parser.add_argument(
        "--revision",
        type=_positive,
        metavar=_("N"),
        help=_("la revisione del verbale (predefinita: l'ultima)"),
    )
    parser.add_argument(
        "--from", dest="start", type=_day, metavar=_("GG/MM/AAAA"),
        help=_("registro presenze: dalla data"),
    )  # fmt: skip
    parser.add_argument(
        "--to", dest="end", type=_day, metavar=_("GG/MM/AAAA"),
        help=_("registro presenze: fino alla data"),
    )  # fmt: skip
    parser.add_argument(
        "--year",
        type=_year,
        metavar=_("AAAA"),
        help=_(
            "rendiconto, piano, indicatori (predefinito: l'anno in corso) e "
            "rendicontazione annuale (predefinito: l'anno scorso): l'anno"
        ),
    )
    parser.add_argument(
        "--approve",
        metavar=_("NOME COGNOME"),
        help=_("approva il documento a nome di questa persona (ne crea una nuova revisione)"),
    )
    parser.add_argument(
        "--office",
        metavar=_("CARICA"),
        help=_("la carica di chi approva, ad esempio coordinatore (con --approve)"),
    )


def _usage_problem(args: argparse.Namespace) -> str | None:
    if args.document in ASSEMBLY_KINDS and args.assembly is None:
        return _("il documento {document} richiede --assembly ID").format(document=args.document)
    if args.document not in ASSEMBLY_KINDS and args.assembly is not None:
        return _("--assembly vale solo per {documents}").format(documents=", ".join(ASSEMBLY_KINDS))
    if args.revision is not None and args.document != MINUTES:
        return _("--revision vale solo per {document}").format(document=MINUTES)
    if (args.start or args.end) and args.document != ATTENDANCE:
        return _("--from e --to valgono solo per {document}").format(document=ATTENDANCE)
    if args.year is not None and args.document not in YEARLY_KINDS:
        return _("--year vale solo per {documents}").format(documents=", ".join(YEARLY_KINDS))
    if args.office is not None and args.approve is None:
        return _("--office vale solo insieme a --approve")
    if args.approve is not None and not args.approve.strip():
        return _("--approve richiede il nome di chi approva")
    if args.start and args.end and args.start > args.end:
        return _("la data di --from viene dopo quella di --to")
    return None


def _request(args: argparse.Namespace) -> DocumentRequest:
    kind = DocumentKind(args.document)
    year = args.year
    if year is None and kind in MONEY_KINDS:
        year = date.today().year
    elif year is None and kind is DocumentKind.ANNUAL:
        year = date.today().year - 1
    return DocumentRequest(
        kind,
        year=year,
        assembly_id=args.assembly,
        minutes_revision=args.revision,
        start=args.start,
        end=args.end,
    )


def _write(workspace: Workspace, args: argparse.Namespace) -> ArchivedDocumentRow:
    """Build the document, keep it in the archive (approved with --approve) and save the
    archived bytes, so the file written is exactly the one `verify` knows."""
    workspace.documents.check_target(args.output)
    request = _request(args)
    if args.approve is not None:
        approval = Approval(name=args.approve, office=args.office or "", day=date.today())
        row = workspace.catalog.generate_approved(request, approval)
    else:
        row = workspace.catalog.generate(request)
    workspace.documents.save_pdf(workspace.archive.pdf(row.id), args.output)
    return row


def run(args: argparse.Namespace) -> int:
    if problem := _usage_problem(args):
        print(_("desdesk report: errore: {message}").format(message=problem), file=sys.stderr)
        return EXIT_USAGE
    output: Path = args.output
    with open_workspace(args.file) as workspace:
        row = _write(workspace, args)
    print(_("Creato {path} ({title})").format(path=output, title=row.title))
    if row.revision is not None:
        print(
            _(
                "Approvato da {name}: revisione {revision}, impronta {footprint}. "
                "Controllalo con: desdesk verify {file} {path}"
            ).format(
                name=row.approved_by,
                revision=row.revision,
                footprint=footprint(row.content_sha256),
                file=shown(args.file),
                path=output,
            )
        )
    return 0
