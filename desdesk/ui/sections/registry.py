"""The navigation sections, in order: one list that the main window builds itself from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from desdesk.i18n import N_, _
from desdesk.services.workspace import Workspace
from desdesk.ui.sections.base import Section

SectionFactory = Callable[[Workspace, QWidget | None], Section]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    _title: str
    factory: SectionFactory
    icon: str = ""

    @property
    def title(self) -> str:
        return _(self._title)


def _district(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.district import DistrictSection

    return DistrictSection(ws, parent)


def _members(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.members import MembersSection

    return MembersSection(ws, parent)


def _referents(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.referents import ReferentsSection

    return ReferentsSection(ws, parent)


def _offices(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.offices import OfficesSection

    return OfficesSection(ws, parent)


def _assemblies(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.assemblies import AssembliesSection

    return AssembliesSection(ws, parent)


def _budget(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.budget import BudgetSection

    return BudgetSection(ws, parent)


def _indicators(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.indicators import IndicatorsSection

    return IndicatorsSection(ws, parent)


def _check(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.check import CheckSection

    return CheckSection(ws, parent)


def _documents(ws: Workspace, parent: QWidget | None) -> Section:
    from desdesk.ui.sections.documents import DocumentsSection

    return DocumentsSection(ws, parent)


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("district", N_("Distretto"), _district, "SP_DirHomeIcon"),
    SectionSpec("members", N_("Aderenti"), _members, "SP_FileDialogDetailedView"),
    SectionSpec("referents", N_("Referenti"), _referents, "SP_FileDialogContentsView"),
    SectionSpec("offices", N_("Cariche"), _offices, "SP_FileDialogInfoView"),
    SectionSpec(
        "assemblies",
        N_("Assemblee"),
        _assemblies,
        "SP_FileDialogListView",
    ),
    SectionSpec("budget", N_("Bilancio"), _budget, "SP_DriveHDIcon"),
    SectionSpec("indicators", N_("Indicatori"), _indicators, "SP_ComputerIcon"),
    SectionSpec("documents", N_("Documenti"), _documents, "SP_FileIcon"),
    SectionSpec("check", N_("Verifica"), _check, "SP_DialogApplyButton"),
)
