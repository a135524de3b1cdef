"""The budget's category tree: listing it in the statement's order, and editing it.

Roots are Modello D's section headers: they stay (only their name may change). Amounts
are written on leaves only, so a category that holds movements or a plan cannot get
children, and one in use cannot be deleted. Closed years stay closed: what would change
their statement, H5 or H6 (another parent, the structure-cost flag, the default source)
is refused while the category or one below it has amounts in a closed year.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import func, select
from sqlmodel import Session

from desdesk.db.money_models import BudgetCategory
from desdesk.db.money_queries import closed_years_using, movement_counts, plan_year_counts
from desdesk.domain.errors import Conflict, FieldProblem, NotFound, ValidationFailed
from desdesk.domain.money_checks import source_problem
from desdesk.domain.money_enums import BudgetSection, Flow, FundingSource
from desdesk.i18n import _, ngettext
from desdesk.money_schemas import CategoryInput, CategoryRead

_SECTION_ORDER = {s.value: i for i, s in enumerate(BudgetSection)}
_FLOW_ORDER = {Flow.EXPENSE.value: 0, Flow.INCOME.value: 1}


def _ordered(rows: list[BudgetCategory]) -> list[tuple[BudgetCategory, int]]:
    """Depth-first: roots by section, expense root before income root, then position."""
    children: dict[int | None, list[BudgetCategory]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: (r.position, r.code, r.id or 0)):
        children[row.parent_id].append(row)
    roots = sorted(
        children[None],
        key=lambda r: (_SECTION_ORDER[r.section], _FLOW_ORDER[r.flow], r.position, r.id or 0),
    )
    ordered: list[tuple[BudgetCategory, int]] = []

    def walk(row: BudgetCategory, depth: int) -> None:
        ordered.append((row, depth))
        for child in children[row.id]:
            walk(child, depth + 1)

    for root in roots:
        walk(root, 0)
    return ordered


def list_categories(session: Session) -> list[CategoryRead]:
    rows = list(session.scalars(select(BudgetCategory)))
    parents = {row.parent_id for row in rows}
    used = set(movement_counts(session)) | set(plan_year_counts(session))
    return [
        CategoryRead(
            id=row.id,
            parent_id=row.parent_id,
            code=row.code,
            name=row.name,
            section=BudgetSection(row.section),
            flow=Flow(row.flow),
            position=row.position,
            depth=depth,
            is_leaf=row.id not in parents,
            structure_cost=row.structure_cost,
            default_source=FundingSource(row.default_source) if row.default_source else None,
            role=row.role,
            in_use=row.id in used,
        )
        for row, depth in _ordered(rows)
        if row.id is not None
    ]


def load_category(session: Session, category_id: int) -> BudgetCategory:
    row = session.get(BudgetCategory, category_id)
    if row is None:
        raise NotFound(_("La categoria non esiste più."))
    return row


def _usage_message(session: Session, row: BudgetCategory) -> str:
    """Empty when the category holds nothing, else how many movements/plan years."""
    assert row.id is not None
    movements = movement_counts(session).get(row.id, 0)
    years = plan_year_counts(session).get(row.id, 0)
    parts = []
    if movements:
        parts.append(ngettext("{n} movimento", "{n} movimenti", movements).format(n=movements))
    if years:
        parts.append(
            ngettext("{n} anno di preventivo", "{n} anni di preventivo", years).format(n=years)
        )
    if len(parts) == 2:
        return _("{movements} e {plans}").format(movements=parts[0], plans=parts[1])
    return "".join(parts)


def _check(
    session: Session, data: CategoryInput, flow: Flow, category_id: int | None
) -> CategoryInput:
    problems: list[FieldProblem] = []
    code, name = data.code.strip(), data.name.strip()
    if not code:
        problems.append(FieldProblem("code", _("Scrivi il codice della categoria.")))
    else:
        query = select(BudgetCategory.id).where(
            func.lower(BudgetCategory.code) == code.lower(), BudgetCategory.id != category_id
        )
        if session.execute(query).first() is not None:
            message = _("Il codice {code} è già usato da un'altra categoria.")
            problems.append(FieldProblem("code", message.format(code=code)))
    if not name:
        problems.append(FieldProblem("name", _("Scrivi il nome della categoria.")))
    source = data.default_source or None
    if source is not None and flow is Flow.EXPENSE:
        message = _("La fonte di finanziamento si indica solo per le categorie di entrata.")
        problems.append(FieldProblem("default_source", message))
    elif source is not None and (problem := source_problem(source, "default_source")):
        problems.append(problem)
    if problems:
        raise ValidationFailed(problems)
    return CategoryInput(data.parent_id, code, name, data.structure_cost, source)


def _check_parent(session: Session, parent_id: int, moving: int | None = None) -> BudgetCategory:
    parent = session.get(BudgetCategory, parent_id) if parent_id else None
    if parent is None:
        raise ValidationFailed(
            [FieldProblem("parent_id", _("Scegli la categoria in cui inserirla."))]
        )
    if parent.role:
        message = _(
            "“{category}” è la categoria in cui desdesk registra le quote: "
            "non può raggruppare altre categorie."
        )
        raise ValidationFailed(
            [FieldProblem("parent_id", message.format(category=f"{parent.code} {parent.name}"))]
        )
    usage = _usage_message(session, parent)
    if usage:
        message = _(
            "“{category}” ha già importi registrati ({usage}): non può raggruppare altre categorie."
        )
        raise ValidationFailed(
            [
                FieldProblem(
                    "parent_id",
                    message.format(category=f"{parent.code} {parent.name}", usage=usage),
                )
            ]
        )
    node: BudgetCategory | None = parent
    while moving is not None and node is not None:
        if node.id == moving:
            message = _("Una categoria non può stare dentro sé stessa o una sua voce.")
            raise ValidationFailed([FieldProblem("parent_id", message)])
        node = session.get(BudgetCategory, node.parent_id) if node.parent_id else None
    return parent


def add_category(session: Session, data: CategoryInput) -> int:
    parent = _check_parent(session, data.parent_id)
    clean = _check(session, data, Flow(parent.flow), None)
    last = session.execute(
        select(func.max(BudgetCategory.position)).where(BudgetCategory.parent_id == parent.id)
    ).scalar()
    row = BudgetCategory(
        parent_id=parent.id,
        code=clean.code,
        name=clean.name,
        section=parent.section,
        flow=parent.flow,
        position=(last + 1) if last is not None else 0,
        structure_cost=clean.structure_cost,
        default_source=clean.default_source,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    return row.id


def update_category(session: Session, category_id: int, data: CategoryInput) -> None:
    """A root keeps everything but its name; another category may move under a parent
    of the same flow (it and its subtree take the new parent's section)."""
    row = load_category(session, category_id)
    if row.parent_id is None:
        name = data.name.strip()
        if not name:
            raise ValidationFailed([FieldProblem("name", _("Scrivi il nome della categoria."))])
        row.name = name
        return
    clean = _check(session, data, Flow(row.flow), category_id)
    _refuse_if_closed_years_change(session, row, clean)
    if clean.parent_id != row.parent_id:
        parent = _check_parent(session, clean.parent_id, moving=category_id)
        if parent.flow != row.flow:
            message = _("Una categoria di uscita non può stare tra le entrate, né viceversa.")
            raise ValidationFailed([FieldProblem("parent_id", message)])
        row.parent_id = parent.id
        _set_section(session, row, parent.section)
    row.code, row.name = clean.code, clean.name
    row.structure_cost = clean.structure_cost
    row.default_source = clean.default_source


def _subtree_ids(session: Session, root_id: int) -> set[int]:
    children: dict[int | None, list[int]] = defaultdict(list)
    for i, parent in session.execute(select(BudgetCategory.id, BudgetCategory.parent_id)):
        children[parent].append(i)
    ids, todo = set(), [root_id]
    while todo:
        current = todo.pop()
        ids.add(current)
        todo.extend(children[current])
    return ids


def _refuse_if_closed_years_change(
    session: Session, row: BudgetCategory, data: CategoryInput
) -> None:
    """Another parent, structure-cost flag or default source would rewrite a closed
    year's statement, H5 or H6: refused while the subtree has amounts in one."""
    changes = (
        data.parent_id != row.parent_id
        or data.structure_cost != row.structure_cost
        or (data.default_source or None) != row.default_source
    )
    if not changes:
        return
    assert row.id is not None
    closed = closed_years_using(session, _subtree_ids(session, row.id))
    if closed:
        message = ngettext(
            "“{category}” ha importi nell'esercizio chiuso {years}: spostarla o cambiarne "
            "la voce di struttura o la fonte ne cambierebbe il rendiconto. Riapri "
            "l'esercizio o crea una nuova categoria (rinominarla si può).",
            "“{category}” ha importi negli esercizi chiusi {years}: spostarla o cambiarne "
            "la voce di struttura o la fonte ne cambierebbe i rendiconti. Riapri "
            "gli esercizi o crea una nuova categoria (rinominarla si può).",
            len(closed),
        )
        text = message.format(
            category=f"{row.code} {row.name}", years=", ".join(str(y) for y in closed)
        )
        raise ValidationFailed([FieldProblem(_closed_field(row, data), text)])


def _closed_field(row: BudgetCategory, data: CategoryInput) -> str:
    if data.parent_id != row.parent_id:
        return "parent_id"
    if data.structure_cost != row.structure_cost:
        return "structure_cost"
    return "default_source"


def _set_section(session: Session, row: BudgetCategory, section: str) -> None:
    row.section = section
    for child in session.scalars(select(BudgetCategory).where(BudgetCategory.parent_id == row.id)):
        _set_section(session, child, section)


def delete_category(session: Session, category_id: int) -> None:
    row = load_category(session, category_id)
    label = f"{row.code} {row.name}"
    if row.parent_id is None:
        message = _("“{category}” è una sezione del rendiconto: non si può eliminare.")
        raise Conflict(message.format(category=label))
    if row.role:
        message = _(
            "“{category}” è la categoria in cui desdesk registra le quote: non si può eliminare."
        )
        raise Conflict(message.format(category=label))
    if session.execute(
        select(BudgetCategory.id).where(BudgetCategory.parent_id == category_id).limit(1)
    ).first():
        message = _("“{category}” contiene altre categorie: elimina prima quelle.")
        raise Conflict(message.format(category=label))
    usage = _usage_message(session, row)
    if usage:
        message = _(
            "“{category}” è in uso ({usage}): sposta i movimenti su un'altra categoria "
            "e togli gli importi dal preventivo prima di eliminarla."
        )
        raise Conflict(message.format(category=label, usage=usage))
    session.delete(row)
