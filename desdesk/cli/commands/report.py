"""`desdesk report DOCUMENT FILE.des -o OUT.pdf`: a district document as PDF.

`register` and `contacts` take nothing more; `convocation`, `notice` and `minutes` the
assembly (`--assembly ID`, ids from `desdesk assemblies list`); `attendance` an
optional period (`--from`, `--to`); `budget`, `plan` and `indicators` the year
(`--year Y`, by default the current one); `check` (the district check's checklist with
its verdict) nothing more.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

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
    DocumentsService,
)
from desdesk.services.money_documents import KINDS as MONEY_KINDS
from desdesk.services.money_documents import MoneyDocumentsService
from desdesk.services.workspace import Workspace, open_workspace

NAME = "report"
CHECK = "check"
DOCUMENTS = (*KINDS, *ASSEMBLY_KINDS, ATTENDANCE, *MONEY_KINDS, CHECK)
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
            "{check} (verifica del distretto, con l'esito)."
        ).format(
            check=CHECK,
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
    parser.add_argument("file", type=Path, metavar=_("FILE.des"))
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
        help=_("rendiconto, piano e indicatori: l'anno (predefinito: l'anno in corso)"),
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
    if args.year is not None and args.document not in MONEY_KINDS:
        return _("--year vale solo per {documents}").format(documents=", ".join(MONEY_KINDS))
    if args.start and args.end and args.start > args.end:
        return _("la data di --from viene dopo quella di --to")
    return None


def _build(documents: DocumentsService, args: argparse.Namespace) -> bytes:
    if args.document == CONVOCATION:
        return documents.convocation_letters_pdf(args.assembly)
    if args.document == NOTICE:
        return documents.convocation_notice_pdf(args.assembly)
    if args.document == MINUTES:
        return documents.minutes_pdf(args.assembly, args.revision)
    if args.document == ATTENDANCE:
        return documents.attendance_pdf(args.start, args.end)
    return documents.pdf(args.document)


def _write(workspace: Workspace, args: argparse.Namespace) -> None:
    """Build the document and save it (the services refuse the district file as target)."""
    if args.document == CHECK:
        workspace.documents.save_pdf(workspace.check.pdf(), args.output)
        return
    if args.document in MONEY_KINDS:
        year = args.year if args.year is not None else date.today().year
        money = workspace.money_documents
        workspace.documents.save_pdf(money.pdf(args.document, year), args.output)
        return
    workspace.documents.save_pdf(_build(workspace.documents, args), args.output)


def _title(document: str) -> str:
    if document == CHECK:
        from desdesk.reports.check import check_title

        return check_title()
    if document in MONEY_KINDS:
        return MoneyDocumentsService.title(document)
    return DocumentsService.title(document)


def run(args: argparse.Namespace) -> int:
    if problem := _usage_problem(args):
        print(_("desdesk report: errore: {message}").format(message=problem), file=sys.stderr)
        return EXIT_USAGE
    output: Path = args.output
    with open_workspace(args.file) as workspace:
        _write(workspace, args)
    title = _title(args.document)
    print(_("Creato {path} ({title})").format(path=output, title=title))
    return 0
