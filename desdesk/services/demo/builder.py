"""Build the demo district in memory, then write it to a new district file."""

from __future__ import annotations

import random
import tempfile
from datetime import date
from pathlib import Path

from desdesk.domain.errors import DesdeskError, InvalidValue
from desdesk.i18n import _
from desdesk.schemas import OfficeInput
from desdesk.services.base import session_factory
from desdesk.services.demo.assembly_plan import build_assemblies
from desdesk.services.demo.assembly_writer import AssemblyHistory
from desdesk.services.demo.business_plan import with_governance
from desdesk.services.demo.documents import build_documents
from desdesk.services.demo.governance import add_years, build_offices
from desdesk.services.demo.growth import GrowthHistory, build_growth
from desdesk.services.demo.history import ReferentHistory
from desdesk.services.demo.members import build_members, build_replacements
from desdesk.services.demo.money import build_money
from desdesk.services.demo.money_writer import MoneyHistory
from desdesk.services.demo.objectives import build_objectives
from desdesk.services.demo.people import People
from desdesk.services.demo.places import TERRITORIES
from desdesk.services.demo.plan import Context, DemoPlan
from desdesk.services.demo.profile import build_profile
from desdesk.services.workspace import Workspace, create_district


def build_plan(
    members: int = 60, years: int = 5, seed: int = 1, today: date | None = None
) -> DemoPlan:
    """Everything the demo district holds; same arguments, same district."""
    _check_sizes(members, years)
    rng = random.Random(seed)
    today = today or date.today()
    ctx = Context(rng, rng.choice(TERRITORIES), today, add_years(today, -years))
    profile = build_profile(ctx)
    people = People(rng)
    entries = build_members(ctx, members, people)
    plan = DemoPlan(profile, entries, build_replacements(ctx, entries, people))
    plan.offices = build_offices(ctx, plan)
    plan.objectives = build_objectives(ctx)
    plan.documents = build_documents(ctx, entries)
    plan.assemblies = build_assemblies(ctx, plan)
    plan.money = build_money(ctx, plan)
    # Drawn last, so the rest of the district does not depend on them.
    plan.profile = with_governance(ctx, profile)
    plan.growth = build_growth(ctx, entries)
    return plan


def create_demo(
    path: Path, members: int = 60, years: int = 5, seed: int = 1, today: date | None = None
) -> None:
    """Create the district file `path` (which must not exist) holding a demo district.

    The district is written into a temporary file beside `path` that takes its name
    only when complete: there is never half a demo at `path`, whatever happens.
    """
    path = Path(path)
    if path.exists():
        raise DesdeskError(_("Il file {path} esiste già.").format(path=path))
    plan = build_plan(members, years, seed, today)
    create_district(path, plan.profile, populate=lambda workspace: write_plan(workspace, plan))


def write_plan(workspace: Workspace, plan: DemoPlan) -> None:
    """Write members (in one transaction), referent changes, offices, assemblies with their
    roll calls, minutes and tasks, objectives, documents, then the money and monitoring
    (years, plans, movements, fees, investments, targets, measurements) in one more, and
    the growth actions. No history is logged: the demo is nobody's work, and a large one
    would write millions of log rows."""
    from desdesk.services.history import HistoryService

    with HistoryService(workspace.sessions).paused():
        _write_plan(workspace, plan)


def _write_plan(workspace: Workspace, plan: DemoPlan) -> None:
    ids = workspace.members.add_many(plan.members)
    history = ReferentHistory(session_factory(workspace.file.engine))
    history.replace_many([(ids[c.member], c.kind, c.referent) for c in plan.replacements])
    for term in plan.offices:
        workspace.offices.assign(
            OfficeInput(
                kind=term.kind.value,
                person_name=term.person_name,
                start_date=term.start_date,
                member_id=None if term.member is None else ids[term.member],
                title=term.title,
                end_date=term.end_date,
            )
        )
    AssemblyHistory(session_factory(workspace.file.engine)).write(plan.assemblies, ids)
    for objective in plan.objectives:
        workspace.district.add_objective(objective)
    with tempfile.TemporaryDirectory(prefix="desdesk-demo-") as folder:
        for document in plan.documents:
            file = Path(folder) / document.filename
            file.write_text(document.text, encoding="utf-8")
            workspace.district.add_document(document.data, file)
    MoneyHistory(session_factory(workspace.file.engine)).write(plan.money, ids)
    GrowthHistory(session_factory(workspace.file.engine)).write(plan.growth, ids)


def _check_sizes(members: int, years: int) -> None:
    if members < 1:
        raise InvalidValue(_("Il distretto dimostrativo deve avere almeno un aderente."))
    if years < 1:
        raise InvalidValue(_("Il distretto dimostrativo deve avere almeno un anno di vita."))
