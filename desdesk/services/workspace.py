"""An open district: the file, its engine and the services on it.

This is what the GUI and the CLI hold; they never see the engine or a session.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from desdesk.db.district_copies import copy_district_file, create_district_file
from desdesk.db.district_file import FileState, OpenedFile, open_district_file
from desdesk.db.server import is_server_url
from desdesk.i18n import _
from desdesk.schemas import DistrictProfile
from desdesk.services.base import SessionFactory, session_factory
from desdesk.services.district import DistrictService, clean_profile
from desdesk.services.members import MembersService

if TYPE_CHECKING:
    from desdesk.services.agreement import AgreementService
    from desdesk.services.annual_report import AnnualReportService
    from desdesk.services.archive import ArchiveService
    from desdesk.services.assemblies import AssembliesService
    from desdesk.services.attendance import AttendanceService
    from desdesk.services.budget import BudgetService
    from desdesk.services.district_check import DistrictCheckService
    from desdesk.services.document_catalog import DocumentCatalog
    from desdesk.services.documents import DocumentsService
    from desdesk.services.fees import FeesService
    from desdesk.services.growth import GrowthService
    from desdesk.services.history import HistoryService
    from desdesk.services.indicators import IndicatorsService
    from desdesk.services.member_io import MemberIOService
    from desdesk.services.minutes import MinutesService
    from desdesk.services.money_documents import MoneyDocumentsService
    from desdesk.services.movement_io import MovementIOService
    from desdesk.services.offices import OfficesService
    from desdesk.services.outbox import OutboxService
    from desdesk.services.referents import ReferentsService
    from desdesk.services.tasks import TasksService


class Workspace:
    """The services on one open district file.

    The register and the profile are what start-up needs; every other service (and the
    modules behind it) is built the first time it is asked for.
    """

    def __init__(self, file: OpenedFile) -> None:
        self.file = file
        # Runs when the workspace closes, while the file is still locked (the GUI's
        # automatic backup, services/backups.py); it must not raise.
        self.on_close: Callable[[Workspace], None] | None = None
        self.sessions: SessionFactory = session_factory(file.engine)
        self.district = DistrictService(self.sessions)
        self.members = MembersService(self.sessions)

    @cached_property
    def referents(self) -> ReferentsService:
        from desdesk.services.referents import ReferentsService

        return ReferentsService(self.sessions)

    @cached_property
    def offices(self) -> OfficesService:
        from desdesk.services.offices import OfficesService

        return OfficesService(self.sessions)

    @cached_property
    def member_io(self) -> MemberIOService:
        from desdesk.services.member_io import MemberIOService

        return MemberIOService(self.sessions, self.members)

    @cached_property
    def documents(self) -> DocumentsService:
        from desdesk.services.assembly_documents import AssemblyDocumentReads
        from desdesk.services.documents import DocumentsService

        return DocumentsService(
            self.district,
            self.members,
            self.referents,
            district_path=self.path,
            assembly_reads=AssemblyDocumentReads.build(self.sessions, self.referents),
        )

    @cached_property
    def attendance(self) -> AttendanceService:
        from desdesk.services.attendance import AttendanceService

        return AttendanceService(self.sessions)

    @cached_property
    def assemblies(self) -> AssembliesService:
        from desdesk.services.assemblies import AssembliesService

        return AssembliesService(self.sessions, district_path=self.path)

    @cached_property
    def minutes(self) -> MinutesService:
        from desdesk.services.minutes import MinutesService

        return MinutesService(self.sessions)

    @cached_property
    def tasks(self) -> TasksService:
        from desdesk.services.tasks import TasksService

        return TasksService(self.sessions)

    @cached_property
    def budget(self) -> BudgetService:
        from desdesk.services.budget import BudgetService

        return BudgetService(self.sessions)

    @cached_property
    def fees(self) -> FeesService:
        from desdesk.services.fees import FeesService

        return FeesService(self.sessions)

    @cached_property
    def movement_io(self) -> MovementIOService:
        from desdesk.services.movement_io import MovementIOService

        return MovementIOService(self.sessions, self.budget)

    @cached_property
    def indicators(self) -> IndicatorsService:
        from desdesk.services.indicators import IndicatorsService

        return IndicatorsService(self.sessions)

    @cached_property
    def money_documents(self) -> MoneyDocumentsService:
        from desdesk.services.money_documents import MoneyDocumentsService

        return MoneyDocumentsService(self)

    @cached_property
    def growth(self) -> GrowthService:
        from desdesk.services.growth import GrowthService

        return GrowthService(self.sessions)

    @cached_property
    def check(self) -> DistrictCheckService:
        from desdesk.services.district_check import DistrictCheckService

        return DistrictCheckService(self)

    @cached_property
    def history(self) -> HistoryService:
        from desdesk.services.history import HistoryService

        # On a server the actor is this desdesk's connections' (None for a file).
        return HistoryService(self.sessions, actor=self.file.actor)

    @cached_property
    def archive(self) -> ArchiveService:
        from desdesk.services.archive import ArchiveService

        return ArchiveService(self.sessions, stamp=_stamp_every_page)

    @cached_property
    def catalog(self) -> DocumentCatalog:
        from desdesk.services.document_catalog import DocumentCatalog

        return DocumentCatalog(self)

    @cached_property
    def annual_report(self) -> AnnualReportService:
        from desdesk.services.annual_report import AnnualReportService

        return AnnualReportService(self)

    @cached_property
    def agreement(self) -> AgreementService:
        from desdesk.services.agreement import AgreementService

        return AgreementService(self)

    @cached_property
    def outbox(self) -> OutboxService:
        from desdesk.services.outbox import OutboxService

        return OutboxService(self.sessions, self.archive)

    @property
    def path(self) -> Path | None:
        """The district file; None for a district on a server."""
        return self.file.path

    @property
    def on_server(self) -> bool:
        return self.file.url is not None

    @property
    def location(self) -> str:
        """What the window and messages show: the file's path or the server address
        without its password."""
        if self.file.url is not None:
            from desdesk.db.server import display_name

            return display_name(self.file.url)
        return str(self.file.path)

    @property
    def name(self) -> str:
        """A short name for the district's storage: the file's stem, or the database's."""
        if self.file.path is not None:
            return self.file.path.stem
        from desdesk.db.server import server_url

        return str(server_url(self.location).database)

    @property
    def folder(self) -> Path:
        """Where save dialogs start: beside the file, or the home folder for a server."""
        return self.file.path.parent if self.file.path is not None else Path.home()

    def close(self) -> None:
        hook, self.on_close = self.on_close, None
        try:
            if hook is not None:
                hook(self)
        finally:
            self.file.close()

    def save_copy(self, destination: Path) -> None:
        """Write a complete copy of the district to `destination` (e.g. to e-mail it)."""
        if self.file.path is None:
            from desdesk.db.district_file import DistrictFileError

            raise DistrictFileError(
                _(
                    "Un distretto sul server non si copia in un file da desdesk: chiedi "
                    "all'amministratore del server una copia (pg_dump)."
                )
            )
        copy_district_file(self.file.path, destination)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _stamp_every_page(pdf: bytes, text: str, *, title: str = "") -> bytes:
    """The report layer's stamp, imported on first approval (reportlab and pypdf cost
    start-up time that reading the archive, e.g. for the district check, should not pay)."""
    from desdesk.reports.stamp import stamp_every_page

    return stamp_every_page(pdf, text, title=title)


def open_workspace(
    path: Path | str,
    on_opening: Callable[[Path, FileState], None] | None = None,
    *,
    actor: str = "",
    unchanged: Callable[[Path], bool] | None = None,
) -> Workspace:
    """Open an existing district file, or a district on a server given by its
    `postgresql://` address (raises DistrictFileError with the reason).

    `on_opening` runs before any migration, with the file locked (the GUI's backup on
    open; never for a server); the CLI passes none. `actor` (the secretary's name; the
    CLI passes none) and the OS user are who the change history names for what follows;
    the file is written only when they differ from the last ones. `unchanged` (see
    `open_district_file`) spares the integrity check of a file as its last backup.
    """
    if is_server_url(path):
        from desdesk.db.server import open_server_district

        opened = open_server_district(str(path))
    else:
        opened = open_district_file(Path(path), on_opening, unchanged=unchanged)
    workspace = Workspace(opened)
    try:
        if opened.actor is not None:  # a server: each connection names its own actor
            opened.actor.actor = actor.strip()
        else:
            workspace.history.set_actor(actor)
        workspace.history.ensure_enabled()
    except BaseException:
        workspace.close()
        raise
    return workspace


def create_district(
    path: Path | str,
    profile: DistrictProfile,
    populate: Callable[[Workspace], None] | None = None,
) -> None:
    """Create a district file holding `profile` (and whatever `populate` writes), atomically.

    Everything is written while the file is still a temporary file beside `path`: if
    any step fails, nothing appears at `path` and no temporary file is left. Given a
    `postgresql://` address, the district is made in that empty database, which is
    emptied again if a step fails.
    """
    clean = clean_profile(profile)
    on_server = is_server_url(path)

    def initialise(engine: Engine) -> None:
        if on_server:
            opened = OpenedFile(path=None, engine=engine, url=str(path))
        else:
            opened = OpenedFile(path=Path(path).resolve(), engine=engine)
        workspace = Workspace(opened)
        workspace.district.create_profile(clean)
        if populate is not None:
            populate(workspace)

    if on_server:
        from desdesk.db.server import create_server_district

        create_server_district(str(path), initialise)
    else:
        create_district_file(Path(path), initialise)


def create_workspace(path: Path | str, profile: DistrictProfile, actor: str = "") -> Workspace:
    """Create a new district file with its profile, and open it for `actor` (the
    secretary's name the change history gives to what follows, as `open_workspace`)."""
    create_district(path, profile)
    return open_workspace(path, actor=actor)
