"""`desdesk budget import FILE.des IN.csv|IN.xlsx [--map COLUMN=FIELD ...] [--dry-run]` and
`desdesk budget export FILE.des OUT.csv|OUT.xlsx [--year Y]`.

Without `--map` the columns are guessed from the headers (and the guess is printed);
with it, exactly the columns given are read. Import is all or nothing: with any problem,
each is printed on stderr as `riga N, colonna X: …`, nothing is written and the exit
code is 1. Rows that seem registered already (same date, amount, category and document
or description as a movement on file or an earlier row) are printed as warnings and
skipped, unless `--include-duplicates`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from desdesk.cli.district import DistrictLocation
from desdesk.cli.spreadsheets import EXIT_OK, add_dry_run, io_actions, refuse
from desdesk.i18n import _, ngettext
from desdesk.services.movement_mapping import FIELDS
from desdesk.services.workspace import open_workspace

if TYPE_CHECKING:
    from desdesk.services.movement_io import MovementPreview

NAME = "budget"


def _mapping_pair(text: str) -> tuple[str, str]:
    """`"Data valuta=data"` → (field, column); a usage error (exit 2) otherwise."""
    column, sep, name = text.rpartition("=")
    name = name.strip().lower()
    if not sep or not column.strip():
        raise argparse.ArgumentTypeError(
            _('“{value}”: scrivi COLONNA=CAMPO, ad esempio "Data valuta=data".').format(value=text)
        )
    if name not in FIELDS:
        raise argparse.ArgumentTypeError(
            _("“{field}” non è un campo dei movimenti: usa {fields}.").format(
                field=name, fields=", ".join(FIELDS)
            )
        )
    return name, column.strip()


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help=_("importa o esporta i movimenti del bilancio (CSV, XLSX)")
    )
    export, load = io_actions(
        parser,
        _("scrive i movimenti in un file .csv o .xlsx"),
        _("aggiunge i movimenti di un file .csv o .xlsx (tutti o nessuno)"),
    )
    export.add_argument(
        "--year", type=int, metavar=_("ANNO"), help=_("solo i movimenti di quell'anno")
    )
    load.add_argument(
        "--map",
        dest="mapping",
        action="append",
        type=_mapping_pair,
        default=[],
        metavar=_("COLONNA=CAMPO"),
        help=_(
            "la colonna del file che contiene un campo ({fields}); ripetibile. "
            "Senza --map le colonne sono riconosciute dalle intestazioni"
        ).format(fields=", ".join(FIELDS)),
    )
    load.add_argument(
        "--include-duplicates",
        action="store_true",
        help=_(
            "importa anche le righe che sembrano già registrate (stessa data, importo, "
            "categoria e documento o descrizione): senza, sono segnalate e saltate"
        ),
    )
    add_dry_run(load)


def run(args: argparse.Namespace) -> int:
    if args.action == "export":
        return _export(args.file, args.output, args.year)
    return _import(
        args.file,
        args.input,
        dict(args.mapping),
        dry_run=args.dry_run,
        include_duplicates=args.include_duplicates,
    )


def _export(district: DistrictLocation, output: Path, year: int | None) -> int:
    with open_workspace(district) as workspace:
        count = workspace.movement_io.export(output, year)
    print(
        ngettext(
            "Esportato {n} movimento in {path}.", "Esportati {n} movimenti in {path}.", count
        ).format(n=count, path=output)
    )
    return EXIT_OK


def _import(
    district: DistrictLocation,
    source: Path,
    mapping: dict[str, str],
    *,
    dry_run: bool,
    include_duplicates: bool = False,
) -> int:
    with open_workspace(district) as workspace:
        service = workspace.movement_io
        table = service.read_table(source)
        if not mapping:
            mapping = service.suggest_mapping(table.headers)
            _print_guess(mapping)
        preview = service.preview_table(table, mapping)
        if not preview.ok:
            return _refused(preview)
        _print_duplicates(preview, include_duplicates)
        if dry_run:
            _print_dry_run(preview, include_duplicates)
            return EXIT_OK
        count = service.import_table(table, mapping, include_duplicates)
    print(ngettext("Importato {n} movimento.", "Importati {n} movimenti.", count).format(n=count))
    return EXIT_OK


def _print_duplicates(preview: MovementPreview, included: bool) -> None:
    """Each row that seems registered already, on stderr, and what happens to them."""
    warnings = preview.warnings()
    for warning in warnings:
        print(_("attenzione: {warning}").format(warning=warning), file=sys.stderr)
    if not warnings:
        return
    count = len(warnings)
    if included:
        text = ngettext(
            "{n} riga che sembra già registrata viene importata comunque (--include-duplicates).",
            "{n} righe che sembrano già registrate vengono importate comunque "
            "(--include-duplicates).",
            count,
        )
    else:
        text = ngettext(
            "{n} riga che sembra già registrata è saltata (per importarla: --include-duplicates).",
            "{n} righe che sembrano già registrate sono saltate (per importarle: "
            "--include-duplicates).",
            count,
        )
    print(text.format(n=count), file=sys.stderr)


def _print_guess(mapping: dict[str, str]) -> None:
    pairs = ", ".join(f"{column}={name}" for name, column in mapping.items())
    print(
        _("nota: colonne riconosciute: {pairs} (per sceglierle: --map COLONNA=CAMPO)").format(
            pairs=pairs or "—"
        ),
        file=sys.stderr,
    )


def _refused(preview: MovementPreview) -> int:
    messages = preview.messages()
    return refuse(
        messages,
        ngettext(
            "{n} problema: nessun movimento è stato importato.",
            "{n} problemi: nessun movimento è stato importato.",
            len(messages),
        ).format(n=len(messages)),
    )


def _print_dry_run(preview: MovementPreview, include_duplicates: bool) -> None:
    for line in preview.lines:
        texts = line.texts
        print(
            "\t".join(
                (
                    _("riga {row}").format(row=line.row),
                    texts["data"],
                    texts["importo"],
                    texts["categoria"],
                    texts["descrizione"],
                )
            )
        )
    count = len(preview.rows_to_import(include_duplicates))
    print(
        ngettext(
            "Prova: {n} movimento sarebbe importato (nulla è stato scritto).",
            "Prova: {n} movimenti sarebbero importati (nulla è stato scritto).",
            count,
        ).format(n=count)
    )
