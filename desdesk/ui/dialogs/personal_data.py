"""Dati personali of a referent (GDPR): legal basis and notice, export, erasure.

The erasure is offered only for a person whose roles have all ended; otherwise its
button is disabled and its tooltip says which role is still current. Before erasing
the dialog explains what goes and what stays (names in approved minutes, offices and
accounts are legal records; messages to the Centro; free text; the backups made
before), and afterwards says where the name remains. Other referents with the same
name at other members, with another e-mail, are listed as possible homonyms: they are
someone else for desdesk and the erasure does not touch them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from desdesk.domain.enums import ReferentKind
from desdesk.i18n import _, format_date
from desdesk.schemas import ReferentRead
from desdesk.services.personal_data import ErasureResult, PersonalDataService, backups_notice
from desdesk.services.referents import legal_basis_label
from desdesk.services.workspace import Workspace
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.busy import busy_cursor
from desdesk.ui.widgets.forms import add_buttons, ask


def _explanation(referent: ReferentRead, on_server: bool) -> str:
    return (
        _(
            "Saranno cancellati e-mail, telefono e ruolo di {name} in tutte le sue schede di "
            "referente, e il nome sarà sostituito con uno pseudonimo («Referente cessato n. …»); "
            "anche la cronologia sarà ripulita. I nomi scritti nei verbali approvati, nello "
            "storico delle cariche e nei conti sono atti con valore legale e restano; restano "
            "anche i messaggi inviati al Centro e gli altri testi liberi che lo nominano "
            "(saranno elencati). Le schede di eventuali omonimi non sono toccate. "
            "L'operazione non si può annullare: conviene esportare prima i dati."
        ).format(name=referent.full_name)
        + "\n\n"
        + backups_notice(on_server)
    )


class PersonalDataDialog(QDialog):
    def __init__(
        self, workspace: Workspace, referent: ReferentRead, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.referent = referent
        self.service = PersonalDataService(workspace.sessions, workspace.path)
        self.erased: ErasureResult | None = None
        self.facts = QFormLayout()
        self.name_label = QLabel()
        self.basis_label = QLabel()
        self.notice_label = QLabel()
        self.homonyms_label = QLabel()
        self.basis_label.setObjectName("legalBasis")
        self.notice_label.setObjectName("noticeGivenOn")
        self.homonyms_label.setObjectName("possibleHomonyms")
        self.homonyms_label.setWordWrap(True)
        self.facts.addRow(_("Referente"), self.name_label)
        self.facts.addRow(_("Base giuridica"), self.basis_label)
        self.facts.addRow(_("Informativa consegnata il"), self.notice_label)
        self.facts.addRow(_("Possibili omonimi"), self.homonyms_label)
        row = QHBoxLayout()
        self.buttons = add_buttons(
            row,
            [
                ("exportJson", _("Esporta (JSON)…"), self.export_json),
                ("exportPdf", _("Esporta (PDF)…"), self.export_pdf),
                ("erase", _("Cancella i dati personali…"), self.erase),
            ],
        )
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addLayout(row)
        layout.addWidget(close)
        self._show(referent)

    def _show(self, referent: ReferentRead) -> None:
        self.referent = referent
        self.setWindowTitle(_("Dati personali di {name}").format(name=referent.full_name))
        kind = ReferentKind(referent.kind).label().lower()
        self.name_label.setText(
            _("{name}, {kind} di «{member}»").format(
                name=referent.full_name, kind=kind, member=referent.member_name
            )
        )
        self.basis_label.setText(legal_basis_label(referent.legal_basis))
        notice = referent.notice_given_on
        self.notice_label.setText(format_date(notice) if notice else _("non registrata"))
        self._show_homonyms(referent)
        erase = self.buttons["erase"]
        if referent.erased_on is not None:
            erase.setEnabled(False)
            erase.setToolTip(
                _("Dati personali già cancellati il {day}.").format(
                    day=format_date(referent.erased_on)
                )
            )
            return
        refused = self.service.refusal(referent.id)
        erase.setEnabled(refused is None)
        erase.setToolTip(refused or _explanation(referent, self.service.on_server))

    def _show_homonyms(self, referent: ReferentRead) -> None:
        """Same-name referents of other people, or the row hidden when there are none."""
        found = [] if referent.erased_on is not None else self.service.homonyms(referent.id)
        self.homonyms_label.setText(
            "\n".join(
                [
                    *found,
                    _("Persone diverse (altro aderente, altra e-mail): non sono incluse "
                      "nell'esportazione né toccate dalla cancellazione."),
                ]
            )
        )  # fmt: skip
        self.facts.setRowVisible(self.homonyms_label, bool(found))

    def _target(self, title: str, suffix: str, kind: str) -> Path | None:
        safe = "".join(c if c.isalnum() else "-" for c in self.referent.full_name).strip("-")
        start = str(Path.home() / f"dati-personali-{safe.lower()}{suffix}")
        name, _filter = QFileDialog.getSaveFileName(self, title, start, kind)
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)

    def export_json(self) -> None:
        path = self._target(_("Esporta i dati personali (JSON)"), ".json", _("JSON (*.json)"))
        if path is not None:
            self._export(lambda: self.service.export_json(self.referent.id, path), path)

    def export_pdf(self) -> None:
        path = self._target(_("Esporta i dati personali (PDF)"), ".pdf", _("PDF (*.pdf)"))
        if path is not None:
            self._export(lambda: self.service.export_pdf(self.referent.id, path), path)

    def _export(self, write: Callable[[], object], path: Path) -> None:
        try:
            with busy_cursor():
                write()
        except Exception as exc:
            show_error(self, exc)
            return
        QMessageBox.information(
            self,
            _("Esportazione completata"),
            _("Dati personali salvati in {path} (leggibile solo dal tuo utente).").format(
                path=path
            ),
        )

    def erase(self) -> None:
        title = _("Cancellare i dati personali?")
        if not ask(self, title, _explanation(self.referent, self.service.on_server)):
            return
        try:
            result = self.service.erase(self.referent.id)
        except Exception as exc:
            show_error(self, exc)
            return
        self.erased = result
        [updated] = [
            r for r in self.workspace.referents.history(self.referent.member_id)
            if r.id == self.referent.id
        ]  # fmt: skip
        self._show(updated)
        QMessageBox.information(self, _("Dati personali cancellati"), result.message())
