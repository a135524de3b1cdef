"""An open district: the file, its engine and the services on it.

This is what the GUI and the CLI hold; they never see the engine or a session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from desdesk.db.district_file import (
    OpenedFile,
    copy_district_file,
    create_district_file,
    open_district_file,
)
from desdesk.schemas import DistrictProfile
from desdesk.services.assemblies import AssembliesService
from desdesk.services.assembly_documents import AssemblyDocumentReads
from desdesk.services.attendance import AttendanceService
from desdesk.services.base import session_factory
from desdesk.services.district import DistrictService, clean_profile
from desdesk.services.documents import DocumentsService
from desdesk.services.member_io import MemberIOService
from desdesk.services.members import MembersService
from desdesk.services.minutes import MinutesService
from desdesk.services.offices import OfficesService
from desdesk.services.referents import ReferentsService
from desdesk.services.tasks import TasksService


@dataclass
class Workspace:
    file: OpenedFile
    district: DistrictService
    members: MembersService
    referents: ReferentsService
    offices: OfficesService
    member_io: MemberIOService
    documents: DocumentsService
    attendance: AttendanceService
    assemblies: AssembliesService
    minutes: MinutesService
    tasks: TasksService

    @property
    def path(self) -> Path:
        return self.file.path

    def close(self) -> None:
        self.file.close()

    def save_copy(self, destination: Path) -> None:
        """Write a complete copy of the district to `destination` (e.g. to e-mail it)."""
        copy_district_file(self.path, destination)

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_workspace(path: Path) -> Workspace:
    """Open an existing district file (raises DistrictFileError with the reason)."""
    return _workspace(open_district_file(path))


def _workspace(opened: OpenedFile) -> Workspace:
    sessions = session_factory(opened.engine)
    members = MembersService(sessions)
    district = DistrictService(sessions)
    referents = ReferentsService(sessions)
    return Workspace(
        file=opened,
        district=district,
        members=members,
        referents=referents,
        offices=OfficesService(sessions),
        member_io=MemberIOService(sessions, members),
        documents=DocumentsService(
            district,
            members,
            referents,
            district_path=opened.path,
            assembly_reads=AssemblyDocumentReads.build(sessions, referents),
        ),
        attendance=AttendanceService(sessions),
        assemblies=AssembliesService(sessions, district_path=opened.path),
        minutes=MinutesService(sessions),
        tasks=TasksService(sessions),
    )


def create_district(
    path: Path, profile: DistrictProfile, populate: Callable[[Workspace], None] | None = None
) -> None:
    """Create a district file holding `profile` (and whatever `populate` writes), atomically.

    Everything is written while the file is still a temporary file beside `path`: if
    any step fails, nothing appears at `path` and no temporary file is left.
    """
    clean = clean_profile(profile)

    def initialise(engine: Engine) -> None:
        workspace = _workspace(OpenedFile(path=Path(path).resolve(), engine=engine))
        workspace.district.create_profile(clean)
        if populate is not None:
            populate(workspace)

    create_district_file(path, initialise)


def create_workspace(path: Path, profile: DistrictProfile) -> Workspace:
    """Create a new district file with its profile, and open it."""
    create_district(path, profile)
    return open_workspace(path)
