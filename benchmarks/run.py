"""`make bench`: time desdesk's main paths on generated districts, against a floor.

Each figure is the median of several runs, reported with min and max; ratios compare
medians measured in the same run on the same machine, and the aims of issue 8 are
judged on the medians. Results are printed as a table and written, with a description
of the machine, to `benchmarks/RESULTS.md`. Generated districts, LibreOffice's profile
and scratch files stay in `benchmarks/out` (not in git).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.figures import Figure, markdown_table, text_table

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
STARTUP_RUNS = 7
KEYSTROKES = "cooperativa ro"
ROLL_CALL_STATUSES = 50
MEMORY_AIM_MB = 300


def district(members: int, years: int) -> Path:
    """A demo district of the given size, generated once and kept in benchmarks/out;
    made again when the schema or the demo generator has changed since."""
    from desdesk.services.demo import create_demo

    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{members}-{years}.des"
    stamp = path.with_suffix(".key")
    key = _generator_key()
    if path.exists() and (not stamp.exists() or stamp.read_text(encoding="utf-8") != key):
        for stale in OUT.glob(f"*{path.name}*"):
            stale.unlink()
    if not path.exists():
        started = time.perf_counter()
        create_demo(path, members=members, years=years, seed=1)
        stamp.write_text(key, encoding="utf-8")
        print(f"generated {path.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def _generator_key() -> str:
    """The schema's head revision and a hash of the demo generator's sources."""
    import hashlib

    from desdesk.db.schema import HEAD_REVISION
    from desdesk.services import demo

    digest = hashlib.sha256(HEAD_REVISION.encode())
    for source in sorted(Path(demo.__file__).parent.glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def _run_child(args: list[str]) -> tuple[float, float]:
    """Run a command to its end through `child.py`: wall time in seconds, and its peak
    resident memory in bytes (ru_maxrss of that process alone, from wait4)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESDESK_HOME": str(OUT / "home")}
    result = OUT / "child.result"
    result.unlink(missing_ok=True)
    with (OUT / "child.log").open("w+b") as log:
        subprocess.run(
            [sys.executable, str(HERE / "child.py"), str(result), "--", *args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
        seconds, maxrss, code = result.read_text(encoding="utf-8").split()
        if code != "0":
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise RuntimeError(f"{args} failed ({code}):\n{output}")
    return float(seconds), float(maxrss) * 1024.0  # KiB on Linux


def startup(path: Path) -> tuple[Figure, Figure, Figure, Figure]:
    """Cold start to the painted member register vs the floor, interleaved run by run;
    and the peak memory of both processes."""
    app, floor, app_memory, floor_memory = [], [], [], []
    for _ in range(STARTUP_RUNS):
        seconds, peak = _run_child([sys.executable, str(HERE / "floor.py"), str(path)])
        floor.append(seconds)
        floor_memory.append(peak)
        seconds, peak = _run_child(
            [sys.executable, "-m", "desdesk", "--quit-after-startup", str(path)]
        )
        app.append(seconds)
        app_memory.append(peak)
    app_figure = Figure(f"start-up, {path.stem}", app)
    floor_figure = Figure(f"floor: PySide6 window + SQLModel query, {path.stem}", floor)
    ratio = app_figure.median / floor_figure.median
    app_figure.ratio = f"{ratio:.2f}× floor"
    app_figure.judge("≤ 1.5× floor (toward 1.2×)", ratio <= 1.5)
    memory = Figure(f"peak memory, desdesk open on {path.stem}", app_memory, "MB")
    memory_floor = Figure(f"peak memory, floor on {path.stem}", floor_memory, "MB")
    memory.ratio = f"{memory.median / memory_floor.median:.2f}× floor"
    return app_figure, floor_figure, memory, memory_floor


def _application() -> QApplication:
    """The QApplication of the in-process measures (offscreen, its chatter dropped)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(kind: QtMsgType, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:  # offscreen plugin, on every dialog
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet)
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication([])


def keystroke_filter(path: Path) -> Figure:
    """Typing in the member search box: time from each key to the repainted table."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desdesk.services.workspace import open_workspace
    from desdesk.ui.sections.members import MembersSection

    app = _application()
    samples: list[float] = []
    with open_workspace(path) as workspace:
        section = MembersSection(workspace)
        section.resize(1200, 700)
        section.show()
        app.processEvents()
        for _round in range(3):
            for char in KEYSTROKES:
                started = time.perf_counter()
                QTest.keyClicks(section.search, char)
                app.processEvents()
                samples.append(time.perf_counter() - started)
            for _char in KEYSTROKES:
                started = time.perf_counter()
                QTest.keyClick(section.search, Qt.Key.Key_Backspace)
                app.processEvents()
                samples.append(time.perf_counter() - started)
        section.close()
    return Figure(f"member filter per keystroke, {path.stem}", samples)


def _roll_call_copy(path: Path) -> tuple[Path, int]:
    """A copy of `path` with a new assembly today, to take a roll call on."""
    from datetime import date

    from sqlmodel import Session

    from desdesk.db.models import Assembly
    from desdesk.services.workspace import open_workspace

    copy = OUT / f"{path.stem}-roll-call.des"
    for stale in OUT.glob(f"{copy.name}*"):
        stale.unlink()
    with open_workspace(path) as workspace:
        workspace.save_copy(copy)
    with open_workspace(copy) as workspace, Session(workspace.file.engine) as session:
        assembly = Assembly(first_call_date=date.today(), status="convocata")
        session.add(assembly)
        session.commit()
        assert assembly.id is not None
        return copy, assembly.id


def roll_call(path: Path) -> tuple[Figure, Figure]:
    """The roll call at the meeting: a status to its durable save, and the quorum counter."""
    from desdesk.domain.enums import AttendanceStatus
    from desdesk.services.workspace import open_workspace

    copy, assembly = _roll_call_copy(path)
    saves: list[float] = []
    counts: list[float] = []
    with open_workspace(copy) as workspace:
        members = [row.member_id for row in workspace.attendance.roll_call(assembly)]
        for member_id in members[:ROLL_CALL_STATUSES]:
            started = time.perf_counter()
            workspace.attendance.set_status(assembly, member_id, AttendanceStatus.PRESENT_PRIMARY)
            saves.append(time.perf_counter() - started)
            started = time.perf_counter()
            workspace.attendance.count(assembly)
            counts.append(time.perf_counter() - started)
    return (
        Figure(f"roll call status to durable save, {path.stem}", saves),
        Figure(f"quorum counter, {path.stem}", counts),
    )


def roll_call_key(path: Path) -> Figure:
    """In the roll-call dialog: from the status key to the row redrawn and saved."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from desdesk.services.workspace import open_workspace
    from desdesk.ui.dialogs.roll_call import RollCallDialog

    app = _application()
    copy, assembly = _roll_call_copy(path)
    samples: list[float] = []
    with open_workspace(copy) as workspace:
        dialog = RollCallDialog(workspace, assembly)
        dialog.show()
        app.processEvents()
        for _ in range(ROLL_CALL_STATUSES):
            started = time.perf_counter()
            QTest.keyClick(dialog.table, Qt.Key.Key_1)
            app.processEvents()
            samples.append(time.perf_counter() - started)
        dialog.close()
        del dialog  # destroyed before the workspace closes and the application goes
    return Figure(f"roll call key to saved row and counter, {path.stem}", samples)


def _judge(figures: list[Figure]) -> None:
    """The aims of issue 8 that are not judged where they are measured."""
    for figure in figures:
        if figure.name.startswith("member filter"):
            figure.judge("≤ 16 ms", figure.median <= 0.016)
        elif figure.name.startswith("roll call"):
            figure.judge("≤ 20 ms", figure.median <= 0.020)


def _document(figures: list[Figure], load: tuple[float, float], files: list[Path]) -> str:
    from benchmarks.machine import description

    judged = [figure for figure in figures if figure.aim]
    missed = [figure.name for figure in judged if figure.met is False]
    skipped = [figure.name for figure in judged if figure.met is None]
    verdict = f"Aims met: {sum(bool(figure.met) for figure in judged)} of {len(judged)}."
    if missed:
        verdict += " Not met: " + "; ".join(missed) + "."
    if skipped:
        verdict += " Not judged here: " + "; ".join(skipped) + "."
    notes = [f"- {note}" for figure in figures for note in figure.notes]
    return "\n".join(
        [
            "# Benchmark results",
            "",
            f"Written by `make bench` on {time.strftime('%Y-%m-%d %H:%M %Z')}.",
            "",
            *description(),
            f"- Load average (1 min): {load[0]:.2f} at the start, {load[1]:.2f} at the end",
            "  (the benchmark itself adds about 1; more means other work shared the CPU).",
            "",
            *markdown_table(figures),
            "",
            verdict,
            "",
            "How it is measured:",
            "",
            "- Districts: `desdesk demo --members N --years Y` (seed 1): "
            + ", ".join(f"{path.stem} {path.stat().st_size / 2**20:.1f} MB" for path in files)
            + ".",
            "- Start-up: `desdesk --quit-after-startup FILE` (offscreen Qt) to the painted",
            "  member register, against the floor (`benchmarks/floor.py`: a bare PySide6",
            "  window that opens an SQLModel engine and runs one query), in turn,",
            f"  {STARTUP_RUNS} runs each. Peak memory: the same processes' `ru_maxrss`.",
            "- Member filter: a key typed in the search box to the repainted table. Roll",
            f"  call: {ROLL_CALL_STATUSES} statuses to their durable save (the service,",
            "  then the dialog's key to the saved row and counter).",
            "- PDFs, in one process after one untimed call: the register through",
            "  `workspace.documents.register_pdf()` (members read, then laid out);",
            "  LibreOffice converting the same rows from CSV (`soffice --headless",
            "  --convert-to pdf`, its start included); reportlab's plain `Table` of the",
            "  same rows, then those rows cut into 200-row tables; the annual report",
            "  through `workspace.annual_report.pdf(year)`.",
            *notes,
            "",
        ]
    )


def main() -> int:
    load_at_start = os.getloadavg()[0]
    small, large = district(60, 5), district(5000, 20)
    small_start, small_floor, small_memory, _ = startup(small)
    large_start, large_floor, large_memory, memory_floor = startup(large)
    growth = large_start.median / small_start.median
    large_start.ratio += f", {growth:.2f}× small demo"
    large_start.judge(
        "≤ 1.5× floor (toward 1.2×), ≤ 1.15× small demo",
        large_start.median <= 1.5 * large_floor.median,
        growth <= 1.15,
    )
    large_memory.judge(f"≤ {MEMORY_AIM_MB} MB", large_memory.median <= MEMORY_AIM_MB * 2**20)
    figures = [small_floor, small_start, large_floor, large_start]
    figures += [memory_floor, small_memory, large_memory]
    figures += [keystroke_filter(small), keystroke_filter(large)]
    figures += [*roll_call(large), roll_call_key(large)]
    from benchmarks.pdfs import pdf_figures

    figures += pdf_figures(large, OUT)
    _judge(figures)
    text = _document(figures, (load_at_start, os.getloadavg()[0]), [small, large])
    print("\n".join(text_table(figures)))
    print()
    print(text.split("\n\n| measure", 1)[0])
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    print(f"\nwritten to {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
