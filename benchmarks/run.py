"""`make bench`: time desdesk's main paths on generated districts, against a floor.

Each figure is the median of several runs, reported with min and max; ratios compare
medians measured in the same run on the same machine. Results are printed as a table
and written to `benchmarks/RESULTS.md`.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
STARTUP_RUNS = 7
KEYSTROKES = "cooperativa ro"
ROLL_CALL_STATUSES = 50


@dataclass
class Figure:
    name: str
    samples: list[float]
    unit: str = "ms"
    ratio: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    def row(self) -> str:
        scale = 1000.0 if self.unit == "ms" else 1.0
        cells = (self.median * scale, min(self.samples) * scale, max(self.samples) * scale)
        median, low, high = (f"{value:.1f}" for value in cells)
        return f"| {self.name} | {median} | {low} | {high} | {self.ratio} |"


def district(members: int, years: int) -> Path:
    """A demo district of the given size, generated once and kept in benchmarks/out."""
    from desdesk.services.demo import create_demo

    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{members}-{years}.des"
    if not path.exists():
        started = time.perf_counter()
        create_demo(path, members=members, years=years, seed=1)
        print(f"generated {path.name} in {time.perf_counter() - started:.1f} s", flush=True)
    return path


def _time_command(args: list[str], runs: int) -> list[float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DESDESK_HOME": str(OUT / "home")}
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        samples.append(time.perf_counter() - started)
    return samples


def startup(path: Path) -> tuple[Figure, Figure]:
    """Cold start to the painted member register vs the floor, interleaved run by run."""
    app, floor = [], []
    for _ in range(STARTUP_RUNS):
        floor += _time_command([sys.executable, str(HERE / "floor.py"), str(path)], 1)
        app += _time_command(
            [sys.executable, "-m", "desdesk", "--quit-after-startup", str(path)], 1
        )
    app_figure = Figure(f"start-up, {path.stem}", app)
    floor_figure = Figure("floor: PySide6 window + SQLModel query", floor)
    app_figure.ratio = f"{app_figure.median / floor_figure.median:.2f}× floor"
    return app_figure, floor_figure


def keystroke_filter(path: Path) -> Figure:
    """Typing in the member search box: time from each key to the repainted table."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desdesk.services.workspace import open_workspace
    from desdesk.ui.sections.members import MembersSection

    app = QApplication.instance() or QApplication([])
    samples: list[float] = []
    with open_workspace(path) as workspace:
        section = MembersSection(workspace)
        section.resize(1200, 700)
        section.show()
        app.processEvents()
        for _round in range(3):
            for char in KEYSTROKES:
                started = time.perf_counter()
                QTest.keyClick(section.search, char)
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
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desdesk.services.workspace import open_workspace
    from desdesk.ui.dialogs.roll_call import RollCallDialog

    app = QApplication.instance() or QApplication([])
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


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main() -> int:
    small, large = district(60, 5), district(5000, 20)
    figures: list[Figure] = []
    small_start, _ = startup(small)
    large_start, floor = startup(large)
    large_start.ratio += f", {large_start.median / small_start.median:.2f}× small demo"
    figures += [floor, small_start, large_start]
    figures.append(keystroke_filter(small))
    figures.append(keystroke_filter(large))
    figures += roll_call(large)
    figures.append(roll_call_key(large))
    table = [
        "| measure | median ms | min ms | max ms | ratio |",
        "|---|---|---|---|---|",
        *(figure.row() for figure in figures),
    ]
    text = "\n".join(
        [
            "# Benchmark results",
            "",
            f"Machine: {machine()}",
            f"Date: {time.strftime('%Y-%m-%d %H:%M')}",
            "",
            *table,
            "",
        ]
    )
    print(text)
    (HERE / "RESULTS.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
