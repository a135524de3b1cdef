"""The GUI's composition root: preferences, language, the district file, the main window."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desdesk import __version__, paths, settings
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _, set_language

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from desdesk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_MEMBERS = 60


def parse_gui_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="desdesk", description=_("Apre desdesk su un distretto."))
    parser.add_argument(
        "file",
        nargs="?",
        help=_("file di distretto (.des) da aprire, o l'indirizzo postgresql://… di un server"),
    )
    parser.add_argument(
        "--quit-after-startup",
        action="store_true",
        help=_("apre il file, mostra il registro degli aderenti ed esce (per test e misure)"),
    )
    parser.add_argument("--lang", choices=("it", "en"))
    parser.add_argument("--version", action="version", version=f"desdesk {__version__}")
    return parser.parse_args(list(argv))


def choose_start_file(requested: Path | str | None, prefs: settings.Preferences) -> Path | str:
    """The file (or server address) asked for, else the last one used, else the demo
    district (created if absent)."""
    from desdesk.services.server_address import is_server_url

    if requested is not None:
        return str(requested) if is_server_url(requested) else Path(requested)
    last = prefs.recent_files[0] if prefs.recent_files else None
    if last is not None and is_server_url(last):
        return last
    if last is not None and Path(last).exists():
        return Path(last)
    demo = paths.demo_district_file()
    if not demo.exists():
        from desdesk.services.demo import create_demo

        create_demo(demo, members=DEMO_MEMBERS)
    return demo


def run_gui(argv: Sequence[str]) -> int:
    from desdesk import argparse_it

    prefs = settings.load()
    set_language(prefs.language)
    argparse_it.install()
    try:
        args = parse_gui_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    language = args.lang or prefs.language  # --lang is for this run, not saved
    set_language(language)

    with _collector_paused():
        # The data stack first: PySide6 installs an import hook that inspects every module
        # imported after it, which costs ~70 ms over SQLAlchemy's hundreds of modules.
        from PySide6.QtWidgets import QApplication

        import desdesk.services.workspace  # noqa: F401
        from desdesk.ui.errors import install_excepthook, setup_logging
        from desdesk.ui.main_window import MainWindow
        from desdesk.ui.qt_i18n import install_qt_translations

        setup_logging()
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert isinstance(app, QApplication)
        app.setApplicationName("desdesk")
        app.setApplicationDisplayName("desdesk")
        app.setApplicationVersion(__version__)
        install_qt_translations(app, language)
        install_excepthook()

        window = MainWindow(prefs)
        try:
            start = choose_start_file(args.file, prefs)
        except DesdeskError as exc:
            print(exc.message, file=sys.stderr)
            return 1
        if isinstance(start, str):  # a server address (files are Paths)
            window.show()  # a server may take seconds to answer: the window is there first
        opened = window.open_location(start, report_errors=not args.quit_after_startup)
        window.show()
    if args.quit_after_startup:
        return _quit_after_startup(app, window, opened)
    return int(app.exec())


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while the window starts, then none over what it made.

    Start-up makes hundreds of thousands of objects that live as long as the window
    (modules, ORM models, 5,000 member rows) and would be scanned over and over: the
    collector waits until the register is shown, then those objects are frozen out of
    its scans (`gc.freeze`). About 50 ms of a large district's start-up. The main window
    unfreezes them when it closes that district (`MainWindow.set_workspace`), so what it
    held can be collected."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _quit_after_startup(app: QApplication, window: MainWindow, opened: bool) -> NoReturn:
    """Paint the member register once, then leave: 0 if the rows were there, else 1.

    The window is closed properly (district file released, preferences saved), then the
    process ends at once: tearing down the interpreter's objects one by one is not part
    of starting up, and the benchmark's floor leaves the same way.
    """
    app.processEvents()
    loaded = window.member_count_shown()
    error = window.last_open_error
    window.close()
    code = 0
    if not opened or loaded is None:
        print(getattr(error, "message", None) or error, file=sys.stderr)
        code = 1
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
