"""Nuovo distretto: a short wizard (the district, then where its file goes)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desdesk.domain.errors import DesdeskError, FieldProblem, ValidationFailed
from desdesk.i18n import _
from desdesk.paths import DISTRICT_SUFFIX
from desdesk.schemas import DistrictProfile
from desdesk.services.district import clean_profile
from desdesk.services.server_address import display_name
from desdesk.services.workspace import Workspace, create_workspace
from desdesk.ui.errors import show_error
from desdesk.ui.widgets.forms import ErrorLabel, Form
from desdesk.ui.widgets.profile_fields import ProfileFields


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def file_name_for(name: str) -> str:
    slug = re.sub(r"[^\w]+", "-", name.strip().lower()).strip("-") or "distretto"
    return f"{slug}{DISTRICT_SUFFIX}"


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(_("Il distretto"))
        self.setSubTitle(_("Come si chiama il DES e a quale territorio o settore si riferisce."))
        self.form = Form()
        self.fields = ProfileFields(self.form, with_description=False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        self.profile: DistrictProfile | None = None

    def validatePage(self) -> bool:
        problems: list[FieldProblem] = []
        profile = self.fields.read(problems)
        try:
            if problems:
                raise ValidationFailed(problems)
            self.profile = clean_profile(profile)
        except ValidationFailed as exc:
            self.form.show_problems(exc.problems)
            return False
        self.form.show_problems([])
        return True


class FilePage(QWizardPage):
    def __init__(self, wizard: NewDistrictWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(_("Il file del distretto"))
        self.setSubTitle(
            _(
                "Tutti i dati del distretto staranno in questo file: potrai copiarlo, salvarlo e inviarlo."
            )
        )
        self.path = QLineEdit()
        self.path.setObjectName("districtPath")
        self.browse = QPushButton(_("Sfoglia…"))
        self.browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Percorso del file (.des)")))
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def initializePage(self) -> None:
        address = self.wizard_.server_address
        if address is not None:  # the district goes into an empty database on a server
            self.setTitle(_("Il database del distretto"))
            self.setSubTitle(
                _("Il distretto sarà creato in questo database, che deve essere vuoto.")
            )
            self.path.setText(display_name(address))
            self.path.setReadOnly(True)
            self.browse.hide()
            return
        profile = self.wizard_.profile_page.profile
        if not self.path.text() and profile is not None:
            self.path.setText(str(default_folder() / file_name_for(profile.name)))

    def _browse(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Salva il distretto come"), self.path.text(), "desdesk (*.des)"
        )
        if name:
            self.path.setText(name)

    def target(self) -> Path | str:
        if self.wizard_.server_address is not None:
            return self.wizard_.server_address
        text = self.path.text().strip()
        return Path(text if text.endswith(DISTRICT_SUFFIX) else text + DISTRICT_SUFFIX)

    def validatePage(self) -> bool:
        if not self.path.text().strip():
            self.error.show_message(_("Indica dove salvare il file."))
            return False
        profile = self.wizard_.profile_page.profile
        assert profile is not None
        try:
            self.wizard_.created = create_workspace(
                self.target(), profile, actor=self.wizard_.actor
            )
        except DesdeskError as exc:
            self.error.show_message(exc.message)
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        return True


class NewDistrictWizard(QWizard):
    def __init__(
        self, parent: QWidget | None = None, *, actor: str = "", server_address: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Nuovo distretto"))
        # Given, the district is made in this empty database instead of a file.
        self.server_address = server_address
        # Who the change history names for the new file (the preferences' secretary).
        self.actor = actor
        self.created: Workspace | None = None
        self.profile_page = ProfilePage()
        self.file_page = FilePage(self)
        self.addPage(self.profile_page)
        self.addPage(self.file_page)
        self.setButtonText(QWizard.WizardButton.NextButton, _("Avanti >"))
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Indietro"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Crea il distretto"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Annulla"))
        self.resize(640, 520)
