"""The district profile fields, shared by the new-district wizard and the Distretto section."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from desdesk.domain.enums import DistrictKind, Sector
from desdesk.domain.errors import FieldProblem
from desdesk.i18n import _
from desdesk.schemas import DistrictProfile
from desdesk.ui.widgets.forms import DateField, Form, combo_with, select_data

# Comunità di valle and territories of Trentino, offered (the user may type another).
TERRITORIES = (
    "Alta Valsugana e Bersntol", "Alto Garda e Ledro", "Altipiani Cimbri", "Comun General de Fascia",
    "Giudicarie", "Paganella", "Primiero", "Rotaliana-Königsberg", "Territorio Val d'Adige",
    "Val di Cembra", "Val di Fiemme", "Val di Non", "Val di Sole", "Vallagarina",
    "Valle dei Laghi", "Valsugana e Tesino",
)  # fmt: skip


class ProfileFields:
    """Builds the editors on a Form and reads them back into a DistrictProfile."""

    def __init__(self, form: Form, with_description: bool = True) -> None:
        self.form = form
        self.name = form.add("name", _("Nome del distretto *"), QLineEdit())
        self.kind = form.add(
            "kind", _("Tipo *"), combo_with([(k.label(), k.value) for k in DistrictKind])
        )
        self.territory = form.add("territory", _("Territorio"), QComboBox())
        self.territory.setEditable(True)
        self.territory.addItems(["", *TERRITORIES])
        self.sector = form.add(
            "sector",
            _("Settore"),
            combo_with(
                [(_("— scegli —"), None)] + [(f"{s.value}. {s.label()}", s.value) for s in Sector]
            ),
        )
        self.founding_date = form.add("founding_date", _("Data di costituzione"), DateField())
        self.seat = form.add("seat", _("Sede (indirizzo)"), QLineEdit())
        self.seat.setPlaceholderText(_("es. Via Roma 12, 38027 Malè"))
        self.comune = form.add("comune", _("Comune della sede"), QLineEdit())
        self.mission = form.add("mission", _("Missione"), QPlainTextEdit())
        self.mission.setMaximumHeight(90)
        self.description: QPlainTextEdit | None = None
        if with_description:
            self.description = form.add("description", _("Descrizione"), QPlainTextEdit())
            self.description.setMaximumHeight(110)
        self.kind.currentIndexChanged.connect(self._update_kind)
        self._update_kind()

    def _update_kind(self) -> None:
        territorial = self.kind.currentData() == DistrictKind.TERRITORIAL.value
        self.territory.setEnabled(territorial)
        self.sector.setEnabled(not territorial)

    def load(self, profile: DistrictProfile) -> None:
        self.name.setText(profile.name)
        select_data(self.kind, profile.kind)
        self.territory.setCurrentText(profile.territory or "")
        select_data(self.sector, profile.sector)
        self.founding_date.set_date(profile.founding_date)
        self.seat.setText(profile.seat)
        self.comune.setText(profile.comune)
        self.mission.setPlainText(profile.mission)
        if self.description is not None:
            self.description.setPlainText(profile.description)

    def read(self, problems: list[FieldProblem]) -> DistrictProfile:
        return DistrictProfile(
            name=self.name.text(),
            kind=self.kind.currentData(),
            territory=self.territory.currentText(),
            sector=self.sector.currentData(),
            founding_date=self.form.read_date("founding_date", problems),
            seat=self.seat.text(),
            comune=self.comune.text(),
            mission=self.mission.toPlainText(),
            description=self.description.toPlainText() if self.description is not None else "",
        )
