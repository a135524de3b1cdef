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
