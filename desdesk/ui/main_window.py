"""The main window: File menu, navigation on the left, the current section, status bar."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTime, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
)

from desdesk import __version__, settings
from desdesk.i18n import _, set_language
from desdesk.services.workspace import Workspace
from desdesk.ui import backup_actions, file_actions, server_actions
from desdesk.ui.errors import show_error
from desdesk.ui.sections.base import Section
from desdesk.ui.sections.registry import SECTIONS
from desdesk.ui.tasks import run_in_background, wait_for_background_work
from desdesk.ui.welcome import WelcomePage
from desdesk.ui.widgets.check_badge import show_counts

if TYPE_CHECKING:
    from desdesk.domain.check_types import Target  # a type only: not on the start path

log = logging.getLogger(__name__)

CHECK_KEY = "check"  # the Verifica section, whose entry shows the errors and warnings
COUNTS_DELAY_MS = 300


class MainWindow(QMainWindow):
    def __init__(self, prefs: settings.Preferences) -> None:
        super().__init__()
        self.prefs = prefs
        self.workspace: Workspace | None = None
        self.last_open_error: Exception | None = None
        self._sections: dict[str, Section] = {}
        # Errors and warnings of the district check, for the Verifica entry (None: not yet
        # counted); the generation drops counts that arrive for a file no longer open.
        self.check_counts: tuple[int, int] | None = None
        self._counts_generation = 0
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.currentRowChanged.connect(self._show_section)
        self.stack = QStackedWidget()
        self.welcome = WelcomePage(self)
        self.stack.addWidget(self.welcome)
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 1000])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.file_label = QLabel()
        self.save_label = QLabel()
        self.statusBar().addWidget(self.file_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)
        self.resize(1320, 800)
        self._build_ui_texts()

    # -- texts and menus (rebuilt on a language switch) -------------------------
    def _build_ui_texts(self) -> None:
        self.menuBar().clear()
        self._build_file_menu()
        self._build_edit_menu()
        self._build_help_menu()
        self._fill_navigation()
        self.welcome.retranslate()
        self._update_title()

    def _build_file_menu(self) -> None:
        menu = self.menuBar().addMenu(_("&File"))
        self._add_action(
            menu, _("&Nuovo distretto…"), self.new_district, QKeySequence.StandardKey.New
        )
        self._add_action(menu, _("&Apri…"), self.choose_and_open, QKeySequence.StandardKey.Open)
        self._add_action(menu, _("Connetti a un &server…"), self.connect_to_server)
        self.recent_menu = menu.addMenu(_("&Recenti"))
        self.fill_recent_menu()
        self.copy_action = self._add_action(
            menu, _("Salva una &copia…"), self.save_copy, QKeySequence.StandardKey.SaveAs
        )
        menu.addSeparator()
        self._add_action(
            menu, _("Esegui &backup ora"), lambda: self._on_file(backup_actions.back_up_now_action)
        )
        self._add_action(
            menu, _("R&ipristina…"), lambda: self._on_file(backup_actions.restore_action)
        )
        menu.addSeparator()
        self._add_action(menu, _("&Esci"), self.close, QKeySequence.StandardKey.Quit)
        self.copy_action.setEnabled(self.workspace is not None)

    def _build_edit_menu(self) -> None:
        menu = self.menuBar().addMenu(_("&Modifica"))
        self._add_action(
            menu, _("&Preferenze…"), self.edit_preferences, QKeySequence.StandardKey.Preferences
        )

    def _build_help_menu(self) -> None:
        menu = self.menuBar().addMenu(_("&Aiuto"))
        self._add_action(menu, _("&Informazioni su desdesk"), self.about)

    def _add_action(
        self, menu: QMenu, text: str, slot: object, shortcut: QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        return action

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for text in self.prefs.recent_files:
            action = self.recent_menu.addAction(text)
            action.triggered.connect(lambda _checked=False, f=text: self.open_recent(f))
        self.recent_menu.setEnabled(bool(self.prefs.recent_files))

    def _fill_navigation(self) -> None:
        current = self.nav.currentRow()
        self.nav.blockSignals(True)
        self.nav.clear()
        style = self.style()
        for spec in SECTIONS:
            icon = style.standardIcon(getattr(QStyle.StandardPixmap, spec.icon))
            item = QListWidgetItem(icon, spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
        self._show_badge()
        self.nav.setEnabled(self.workspace is not None)
        self.nav.blockSignals(False)
        if self.workspace is not None:
            self.nav.setCurrentRow(max(current, 0))

    # -- sections ----------------------------------------------------------------
    def _show_section(self, row: int) -> None:
        if self.workspace is None or row < 0:
            return
        spec = SECTIONS[row]
        section = self._sections.get(spec.key)
        try:
            if section is None:
                section = spec.factory(self.workspace, None)  # joins the stack once built
                section.changed.connect(self._on_data_saved)
                opener = getattr(section, "open_target", None)  # Verifica's findings
                if opener is not None:
                    opener.connect(self.open_target)
                self._sections[spec.key] = section
                self.stack.addWidget(section)
            elif section.stale:
                section.refresh()
                section.stale = False
        except Exception as exc:
            show_error(self, exc)
            return
        self.stack.setCurrentWidget(section)

    def show_section(self, key: str) -> Section | None:
        """Show a section; None if it could not be built (the user was told why)."""
        row = next(i for i, spec in enumerate(SECTIONS) if spec.key == key)
        if self.nav.currentRow() == row:
            self._show_section(row)
        else:
            self.nav.setCurrentRow(row)  # shows it through currentRowChanged
        return self._sections.get(key)

    def section(self, key: str) -> Section | None:
        return self._sections.get(key)

    def open_target(self, target: Target) -> bool:
        """Show where a finding of the check is fixed: its section, with the record selected
        when the section can find it. False if the record is not there (any more)."""
        if not any(spec.key == target.section for spec in SECTIONS):
            log.warning("No section %r for %s", target.section, target)
            return False
        section = self.show_section(target.section)
        if section is None:
            return False
        if target.record is None:
            return True
        try:
            found = section.focus_record(target.record, target.id)
            if not found:  # perhaps added since the section last read its data
                section.refresh()
                found = section.focus_record(target.record, target.id)
        except Exception as exc:
            show_error(self, exc)
            return False
        if not found:
            self.statusBar().showMessage(
                _("Il dato indicato dalla verifica non è in questa sezione: cercalo nell'elenco."),
                8000,
            )
        return found

    # -- the Verifica badge ----------------------------------------------------------------
    def update_check_counts(self) -> None:
        """Count the check's errors and warnings off the GUI thread; the Verifica entry
        shows them when they arrive."""
        workspace = self.workspace
        if workspace is None:
            return
        self._counts_generation += 1
        generation = self._counts_generation
        run_in_background(
            lambda: (generation, workspace.check.counts()),
            self._counts_arrived,
            self._counts_failed,
        )

    def _counts_arrived(self, result: tuple[int, tuple[int, int]]) -> None:
        generation, counts = result
        if generation != self._counts_generation or self.workspace is None:
            return
        self.check_counts = (int(counts[0]), int(counts[1]))
        self._show_badge()

    def _counts_failed(self, error: BaseException) -> None:
        log.warning("District check not counted: %s", error, exc_info=error)

    def _check_item(self) -> QListWidgetItem | None:
        for row in range(self.nav.count()):
            item = self.nav.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == CHECK_KEY:
                return item
        return None

    def _show_badge(self) -> None:
        item = self._check_item()
        spec = next((s for s in SECTIONS if s.key == CHECK_KEY), None)
        if item is not None and spec is not None:
            counts = self.check_counts if self.workspace is not None else None
            item.setIcon(self.style().standardIcon(getattr(QStyle.StandardPixmap, spec.icon)))
            show_counts(item, spec.title, counts, self.style())

    def _drop_sections(self) -> None:
        wait_for_background_work()  # no read may still run on the file about to close
        for section in self._sections.values():
            self.stack.removeWidget(section)
            section.deleteLater()
        self._sections.clear()

    def _on_data_saved(self) -> None:
        self.save_label.setText(
            _("Tutte le modifiche sono salvate ({time})").format(
                time=QTime.currentTime().toString("HH:mm")
            )
        )
        for section in self._sections.values():
            if section is not self.stack.currentWidget():
                section.stale = True  # refreshed when next shown
        self._update_title()
        self.update_check_counts()

    # -- files -------------------------------------------------------------------
    def open_file(self, path: Path, report_errors: bool = True) -> bool:
        """Open a district file; on failure the current one stays open and the user is told."""
        return file_actions.open_district_file(self, path, report_errors)

    def open_location(self, target: Path | str, report_errors: bool = True) -> bool:
        """Open a district file, or the district at a `postgresql://` address."""
        if server_actions.is_server_url(target):
            return server_actions.open_server(self, str(target), report_errors)
        return self.open_file(Path(target), report_errors)

    def open_recent(self, text: str) -> None:
        if server_actions.is_server_url(text):  # the password is asked again
            server_actions.connect_to_server(self, text)
        else:
            self.open_file(Path(text))

    def connect_to_server(self) -> None:
        server_actions.connect_to_server(self)

    def _on_file(self, action: Callable[[MainWindow], object]) -> None:
        """Run a File-menu action that works on the district file (backup, restore)."""
        if self.workspace is not None and self.workspace.on_server:
            server_actions.explain_no_file_actions(self, self.workspace)
            return
        action(self)

    def set_workspace(self, workspace: Workspace, name: str | None = None) -> None:
        self._drop_sections()
        if self.workspace is not None:
            self.workspace.close()
            gc.unfreeze()  # what start-up froze (ui/app.py) may now be garbage
        self.workspace = workspace
        if not workspace.on_server:  # a server's backups are its administrator's
            backup_actions.back_up_on_close(self, workspace)
        self.check_counts = None
        self.prefs.remember(workspace.location)
        self._save_prefs()
        self.fill_recent_menu()
        self.copy_action.setEnabled(not workspace.on_server)
        self.file_label.setText(workspace.location)
        self.save_label.setText(_("Tutte le modifiche sono salvate"))
        self.nav.setEnabled(True)
        self._update_title(name)
        self.show_section("members")
        self._show_badge()
        # Counted in the background, and only after the register's first paint.
        QTimer.singleShot(COUNTS_DELAY_MS, self.update_check_counts)
        QTimer.singleShot(COUNTS_DELAY_MS, self._retry_outbox)

    def _retry_outbox(self) -> None:
        """Send what waits in the outbox, or say how much waits (ui/outbox_retry.py)."""
        from desdesk.ui.outbox_retry import retry_outbox_at_start

        if self.workspace is not None:
            retry_outbox_at_start(self, self.workspace, self.prefs)

    def choose_and_open(self) -> None:
        file_actions.choose_and_open(self)

    def new_district(self) -> None:
        file_actions.new_district(self)

    def save_copy(self) -> None:
        file_actions.save_copy(self)

    # -- preferences and language -------------------------------------------------
    def edit_preferences(self) -> None:
        from desdesk.ui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            self.apply_preferences(dialog.language(), dialog.secretary_name())

    def apply_preferences(self, language: str, secretary_name: str) -> None:
        self.prefs.secretary_name = secretary_name
        if self.workspace is not None:  # the history names the new secretary from now on
            try:
                self.workspace.history.set_actor(secretary_name)
            except Exception as exc:
                show_error(self, exc)
        changed = language != self.prefs.language
        self.prefs.language = language
        self._save_prefs()
        if changed:
            self.switch_language(language)

    def switch_language(self, language: str) -> None:
        """Every text in the window follows the new language at once."""
        from PySide6.QtWidgets import QApplication

        from desdesk.ui.qt_i18n import install_qt_translations

        set_language(language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, language)
        self._drop_sections()
        self._build_ui_texts()  # rebuilds the navigation, which re-creates the current section
        if self.workspace is not None:
            self.save_label.setText(_("Tutte le modifiche sono salvate"))

    def _save_prefs(self) -> None:
        try:
            settings.save(self.prefs)
        except OSError as exc:
            log.warning("Preferences not saved: %s", exc)

    # -- misc ----------------------------------------------------------------------
    def _update_title(self, name: str | None = None) -> None:
        if self.workspace is None:
            self.setWindowTitle("desdesk")
            return
        if name is None:
            try:
                name = self.workspace.district.profile().name
            except Exception as exc:
                log.warning("District name not read: %s", exc)
                name = self.workspace.name
        self.setWindowTitle(f"{name} — desdesk")

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("Informazioni su desdesk"),
            _(
                "<b>desdesk {version}</b><br>Il registro, le cariche e i documenti dei "
                "Distretti di Economia Solidale del Trentino."
            ).format(version=__version__),
        )

    def member_count_shown(self) -> int | None:
        """Rows loaded in the member register, or None if no district is open."""
        section = self._sections.get("members")
        if section is None:
            return None
        return int(section.row_count())  # type: ignore[attr-defined]

    def closeEvent(self, event: QCloseEvent) -> None:
        self._drop_sections()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        self._save_prefs()
        super().closeEvent(event)
