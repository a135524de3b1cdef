"""PDF benchmarks: the register (Libro degli aderenti) against LibreOffice and reportlab,
and the annual report, on the large district.

The register is measured as the secretary gets it: `workspace.documents.register_pdf()`
reads the members and lays out the document. Its competitors get the same rows (active
members in order of admission, then former ones in order of leaving, the register's
columns) already read: LibreOffice converting them from CSV to PDF, as secretaries do
today with a spreadsheet (`soffice --headless --convert-to pdf`, its own start included,
as they pay it), and reportlab building one plain table of them, then the same rows cut
into 200-row tables. desdesk's first call, which imports reportlab and registers the
fonts, is a line of its own; the repeated calls are the ones compared.
"""

from __future__ import annotations

import csv
import subprocess
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from benchmarks.figures import Figure
from benchmarks.machine import soffice

PDF_RUNS = 5
PLAIN_TABLE_RUNS = 3  # one 5,000-row reportlab table is slow: fewer runs
CHUNK_ROWS = 200
HEADINGS = [
    "N.",
    "Denominazione",
    "Forma giuridica",
    "Natura",
    "Codice fiscale / P.IVA",
    "Sede",
    "Data adesione",
    "Referente titolare",
    "Data uscita",
    "Motivo dell'uscita",
]
WEIGHTS = [8, 45, 32, 25, 36, 26, 20, 40, 20, 40]  # millimetres, as the register's columns


def _timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def register_rows(path: Path) -> list[list[str]]:
    """The register's rows as text, in the register's order (no reportlab needed)."""
    from desdesk.i18n import format_date
    from desdesk.reports.common import legal_form_label, name_key, nature_label, seat
    from desdesk.reports.register import tax_ids
    from desdesk.services.workspace import open_workspace

    with open_workspace(path) as workspace:
        members = workspace.members.list_rows()
    active = sorted(
        (row for row in members if row.active),
        key=lambda row: (row.joined_on or date.max, name_key(row.name)),
    )
    former = sorted(
        (row for row in members if not row.active),
        key=lambda row: (row.left_on or date.max, name_key(row.name)),
    )
    rows = []
    for number, row in enumerate([*active, *former], start=1):
        rows.append(
            [
                str(number if row.active else number - len(active)),
                row.name,
                legal_form_label(row.legal_form),
                nature_label(row.nature),
                tax_ids(row.tax_code, row.vat_number).replace("\n", " / "),
                seat(row.comune, row.provincia),
                format_date(row.joined_on),
                row.primary_referent if row.active else "",
                format_date(row.left_on) if row.left_on else "",
                row.leave_reason,
            ]
        )
    return rows


def desdesk_register(path: Path) -> tuple[Figure, Figure]:
    """The register through the workspace: first call (imports), then repeated calls."""
    from desdesk.services.workspace import open_workspace

    with open_workspace(path) as workspace:
        first = _timed(workspace.documents.register_pdf, 1)
        samples = _timed(workspace.documents.register_pdf, PDF_RUNS)
    return (
        Figure(f"register PDF, first call (imports reportlab), {path.stem}", first, "s"),
        Figure(f"register PDF, {path.stem}", samples, "s"),
    )


def libreoffice(rows: Sequence[Sequence[str]], scratch: Path) -> Figure:
    """`soffice --headless --convert-to pdf` of the rows as CSV; no samples if absent."""
    figure = Figure("LibreOffice: CSV to PDF, same rows", [], "s")
    command = soffice()
    if command is None:
        figure.notes.append(
            "LibreOffice is not installed (Debian: libreoffice-calc-nogui): "
            "its line and the register's ratio to it are skipped."
        )
        return figure
    source = scratch / "register.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADINGS)
        writer.writerows(rows)
    profile = scratch.resolve() / "lo-profile"  # its own profile, never the user's
    args = [
        command,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--infilter=CSV:44,34,76,1",  # comma, double quote, UTF-8, from line 1
        "--outdir",
        str(scratch),
        str(source),
    ]
    target = scratch / "register.pdf"

    def convert() -> None:
        target.unlink(missing_ok=True)
        subprocess.run(args, check=True, capture_output=True, timeout=600)
        if not target.exists():
            raise RuntimeError(f"soffice wrote no {target.name}")

    convert()  # the first run builds the profile: not timed
    figure.samples = _timed(convert, PDF_RUNS)
    return figure


def _reportlab_pdf(rows: Sequence[Sequence[str]], chunk: int | None) -> bytes:
    """A plain reportlab document: one Table of every row, or one per `chunk` rows."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import Flowable, SimpleDocTemplate, Table, TableStyle

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4))
    scale = doc.width / sum(WEIGHTS)
    widths = [weight * scale for weight in WEIGHTS]
    style = TableStyle(
        [
            ("FONTSIZE", (0, 0), (-1, -1), 7),
            ("LEADING", (0, 0), (-1, -1), 8.5),
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("BACKGROUND", (0, 0), (-1, 0), colors.lightgrey),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    body = [list(row) for row in rows]
    size = chunk or len(body)
    story: list[Flowable] = [
        Table([HEADINGS, *body[start : start + size]], colWidths=widths, repeatRows=1, style=style)
        for start in range(0, len(body), size)
    ]
    doc.topMargin = doc.bottomMargin = 12 * mm
    doc.build(story)
    return buffer.getvalue()


def reportlab_tables(rows: Sequence[Sequence[str]]) -> tuple[Figure, Figure]:
    """reportlab's plain Table of all the rows, and of the rows in 200-row tables."""
    _reportlab_pdf(rows[:CHUNK_ROWS], CHUNK_ROWS)  # imports and fonts: not timed
    plain = _timed(lambda: _reportlab_pdf(rows, None), PLAIN_TABLE_RUNS)
    split = _timed(lambda: _reportlab_pdf(rows, CHUNK_ROWS), PDF_RUNS)
    return (
        Figure("reportlab: one plain table, same rows", plain, "s"),
        Figure(f"reportlab: same rows in {CHUNK_ROWS}-row tables", split, "s"),
    )


def annual_report(path: Path, year: int) -> Figure:
    """The Rendicontazione annuale of `year`, read-model and layout (after one warm-up)."""
    from desdesk.services.workspace import open_workspace

    with open_workspace(path) as workspace:
        workspace.annual_report.pdf(year)
        samples = _timed(lambda: workspace.annual_report.pdf(year), PDF_RUNS)
    return Figure(f"annual report {year} PDF, {path.stem}", samples, "s")


def pdf_figures(path: Path, scratch_root: Path) -> list[Figure]:
    """Every PDF figure, with the ratios and aims of issue 8."""
    first, register = desdesk_register(path)  # first: before anything imports reportlab
    rows = register_rows(path)
    scratch = scratch_root / "pdf"  # the CSV, LibreOffice's profile and PDF, kept
    scratch.mkdir(parents=True, exist_ok=True)
    office = libreoffice(rows, scratch)
    plain, split = reportlab_tables(rows)
    if office.samples:
        for figure in (register, plain, split):
            figure.ratio = f"{figure.median / office.median:.2f}× LibreOffice"
        register.judge("≤ 0.75× LibreOffice", register.median <= 0.75 * office.median)
    else:
        register.aim = "≤ 0.75× LibreOffice"  # not judged: see LibreOffice's note
        register.ratio = f"{register.median / split.median:.2f}× 200-row tables"
    year = date.today().year - 1  # the last complete year, as the report is sent
    report = annual_report(path, year)
    report.judge("≤ 3 s", report.median <= 3.0)
    return [first, register, office, plain, split, report]
