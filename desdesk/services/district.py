"""The district's profile, objectives and founding documents."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select
from sqlmodel import Session, col

from desdesk.db.models import District, FoundingDocument, Objective
from desdesk.db.money_models import Indicator
from desdesk.domain.enums import DistrictKind, FoundingDocumentKind, ObjectiveStatus, Sector
from desdesk.domain.errors import FieldProblem, NotFound, ValidationFailed, os_error_reason
from desdesk.i18n import _
from desdesk.schemas import (
    DistrictProfile,
    FoundingDocumentInput,
    FoundingDocumentRead,
    ObjectiveInput,
    ObjectiveRead,
)
from desdesk.services.base import Service, check_version, last_editor

_T = TypeVar("_T")

MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


def clean_profile(profile: DistrictProfile) -> DistrictProfile:
    problems: list[FieldProblem] = []
    if not profile.name.strip():
        problems.append(FieldProblem("name", _("Il nome del distretto è obbligatorio.")))
    try:
        kind = DistrictKind(profile.kind)
    except ValueError:
        problems.append(FieldProblem("kind", _("Scegli se il DES è territoriale o tematico.")))
        raise ValidationFailed(problems) from None
    territory, sector = (profile.territory or "").strip(), profile.sector
    if kind is DistrictKind.TERRITORIAL:
        sector = None
        if not territory:
            problems.append(
                FieldProblem("territory", _("Indica il territorio del DES (es. Vallagarina)."))
            )
    else:
        territory = ""
        if sector not in {s.value for s in Sector}:
            problems.append(FieldProblem("sector", _("Scegli il settore del DES tematico (1–13).")))
    plan = _clean_business_plan(profile.business_plan, problems)
    if problems:
        raise ValidationFailed(problems)
    return replace(
        profile,
        name=profile.name.strip(),
        territory=territory or None,
        sector=sector,
        mission=profile.mission.strip(),
        description=profile.description.strip(),
        governance=profile.governance.strip(),
        seat=profile.seat.strip(),
        comune=profile.comune.strip(),
        business_plan=plan,
    )


def _clean_business_plan(plan: dict[str, str], problems: list[FieldProblem]) -> dict[str, str]:
    """The business plan's sections, trimmed; empty ones are left out, unknown codes refused."""
    from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS  # not on the start path

    codes = {code for code, _label in BUSINESS_PLAN_SECTIONS}
    unknown = sorted(set(plan) - codes)
    if unknown:
        problems.append(
            FieldProblem(
                "business_plan",
                _("Sezione del business plan non riconosciuta: {codes}.").format(
                    codes=", ".join(unknown)
                ),
            )
        )
    return {code: text.strip() for code, text in plan.items() if code in codes and text.strip()}


def clean_objective(data: ObjectiveInput) -> ObjectiveInput:
    problems: list[FieldProblem] = []
    if not data.title.strip():
        problems.append(FieldProblem("title", _("Il titolo dell'obiettivo è obbligatorio.")))
    if data.status not in {s.value for s in ObjectiveStatus}:
        problems.append(FieldProblem("status", _("Stato dell'obiettivo non riconosciuto.")))
    if data.target_value is not None and not data.target_unit.strip():
        problems.append(
            FieldProblem("target_unit", _("Indica l'unità di misura del valore obiettivo."))
        )
    if problems:
        raise ValidationFailed(problems)
    return replace(data, title=data.title.strip(), target_unit=data.target_unit.strip())


class DistrictService(Service):
    # -- profile ------------------------------------------------------------
    def profile(self) -> DistrictProfile:
        with self._reading() as session:
            district = self._district(session)
            return DistrictProfile(
                name=district.name,
                kind=district.kind,
                territory=district.territory,
                sector=district.sector,
                founding_date=district.founding_date,
                mission=district.mission,
                description=district.description,
                governance=district.governance or "",
                seat=district.seat or "",
                comune=district.comune or "",
                business_plan=dict(district.business_plan or {}),
                version=district.version,
            )

    def create_profile(self, profile: DistrictProfile) -> None:
        clean = clean_profile(profile)
        with self._unit_of_work() as session:
            session.add(District(**_profile_values(clean)))

    def update_profile(self, profile: DistrictProfile, expected_version: int | None = None) -> int:
        """Save the profile; `expected_version` is the edit count the form was opened with
        (ConcurrentEdit, nothing written, if someone saved the district since). Returns
        the new edit count, for the form's next save."""
        clean = clean_profile(profile)
        with self._unit_of_work() as session:
            district = self._district(session)
            if expected_version is not None and district.version != expected_version:
                by = last_editor(session, "district", district.id or 0)
                check_version(district.version, expected_version, _("il profilo del distretto"), by)
            for name, value in _profile_values(clean).items():
                setattr(district, name, value)
            district.updated_at = datetime.now(UTC)
            session.flush()
            return district.version

    # -- objectives -----------------------------------------------------------
    def objectives(self) -> list[ObjectiveRead]:
        with self._reading() as session:
            rows = session.execute(select(Objective).order_by(Objective.id)).scalars()
            return [ObjectiveRead(id=o.id or 0, data=_objective_input(o)) for o in rows]

    def add_objective(self, data: ObjectiveInput) -> int:
        clean = clean_objective(data)
        with self._unit_of_work() as session:
            _check_indicator(session, clean.indicator_id)
            objective = Objective(**_fields(clean))
            session.add(objective)
            session.flush()
            return objective.id or 0

    def update_objective(self, objective_id: int, data: ObjectiveInput) -> None:
        clean = clean_objective(data)
        with self._unit_of_work() as session:
            objective = _load(session, Objective, objective_id, _("L'obiettivo non esiste più."))
            _check_indicator(session, clean.indicator_id)
            for name, value in _fields(clean).items():
                setattr(objective, name, value)

    def delete_objective(self, objective_id: int) -> None:
        with self._unit_of_work() as session:
            session.delete(
                _load(session, Objective, objective_id, _("L'obiettivo non esiste più."))
            )

    # -- founding documents ------------------------------------------------------
    def documents(self) -> list[FoundingDocumentRead]:
        columns = (
            FoundingDocument.id, FoundingDocument.kind, FoundingDocument.title,
            FoundingDocument.document_date, FoundingDocument.approved,
            FoundingDocument.filename, FoundingDocument.size, FoundingDocument.sha256,
            FoundingDocument.valid_until,
        )  # fmt: skip
        # Undated documents first on a file and on a server alike (PostgreSQL would
        # sort NULLs last).
        undated_first = col(FoundingDocument.document_date).asc().nulls_first()
        query = select(*columns).order_by(undated_first, FoundingDocument.id)
        with self._reading() as session:
            return [FoundingDocumentRead(*row) for row in session.execute(query)]

    def add_document(self, data: FoundingDocumentInput, file: Path | None = None) -> int:
        """Record a founding document; its file, if given, is stored inside the district file."""
        _check_document(data)
        content = _read_attachment(file) if file else None
        with self._unit_of_work() as session:
            document = FoundingDocument(**_fields(data))
            if file is not None and content is not None:
                _attach(document, file.name, content)
            session.add(document)
            session.flush()
            return document.id or 0

    def update_document(
        self, document_id: int, data: FoundingDocumentInput, file: Path | None = None
    ) -> None:
        _check_document(data)
        content = _read_attachment(file) if file else None
        with self._unit_of_work() as session:
            document = _load(
                session, FoundingDocument, document_id, _("Il documento non esiste più.")
            )
            for name, value in _fields(data).items():
                setattr(document, name, value)
            if file is not None and content is not None:
                _attach(document, file.name, content)

    def document_content(self, document_id: int) -> tuple[str, bytes]:
        with self._reading() as session:
            row = session.execute(
                select(FoundingDocument.filename, FoundingDocument.content).where(
                    FoundingDocument.id == document_id
                )
            ).first()
        if row is None or row.content is None:
            raise NotFound(_("Il documento non ha un file allegato."))
        return row.filename, row.content

    def delete_document(self, document_id: int) -> None:
        with self._unit_of_work() as session:
            session.delete(
                _load(session, FoundingDocument, document_id, _("Il documento non esiste più."))
            )

    @staticmethod
    def _district(session: Session) -> District:
        district = session.execute(select(District).order_by(District.id)).scalars().first()
        if district is None:
            raise NotFound(_("Il file non contiene i dati del distretto."))
        return district


def _profile_values(profile: DistrictProfile) -> dict[str, object]:
    return {
        name: getattr(profile, name)
        for name in DistrictProfile.__dataclass_fields__
        if name != "version"  # the database counts the edits
    }


def _fields(data: object) -> dict[str, object]:
    return {name: getattr(data, name) for name in data.__dataclass_fields__}  # type: ignore[attr-defined]


def _objective_input(objective: Objective) -> ObjectiveInput:
    return ObjectiveInput(
        **{name: getattr(objective, name) for name in ObjectiveInput.__dataclass_fields__}
    )


def _load(session: Session, model: type[_T], record_id: int, missing: str) -> _T:
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(missing)
    return record


def _check_indicator(session: Session, indicator_id: int | None) -> None:
    """An objective may be linked to an indicator only if it exists."""
    if indicator_id is not None and session.get(Indicator, indicator_id) is None:
        raise ValidationFailed(
            [FieldProblem("indicator_id", _("L'indicatore scelto non esiste più."))]
        )


def _check_document(data: FoundingDocumentInput) -> None:
    problems: list[FieldProblem] = []
    if not data.title.strip():
        problems.append(FieldProblem("title", _("Il titolo del documento è obbligatorio.")))
    if data.kind not in {k.value for k in FoundingDocumentKind}:
        problems.append(FieldProblem("kind", _("Scegli il tipo di documento.")))
    if (
        data.valid_until is not None
        and data.document_date is not None
        and data.valid_until < data.document_date
    ):
        problems.append(
            FieldProblem(
                "valid_until",
                _("«Valido fino al» non può venire prima della data del documento."),
            )
        )
    if problems:
        raise ValidationFailed(problems)


def _read_attachment(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise ValidationFailed(
                [FieldProblem("file", _("Il file {name} supera i 50 MB.").format(name=file.name))]
            )
        return file.read_bytes()
    except OSError as exc:
        raise ValidationFailed(
            [
                FieldProblem(
                    "file",
                    _("Non riesco a leggere {name}: {reason}").format(
                        name=file.name, reason=os_error_reason(exc)
                    ),
                )
            ]
        ) from exc


def _attach(document: FoundingDocument, filename: str, content: bytes) -> None:
    document.filename = filename
    document.mime_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    document.size = len(content)
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.content = content
