"""Migration 0004 seeds frozen rows: equal to today's defaults, and what a file gets."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from desdesk.db.schema import MIGRATIONS_DIR
from desdesk.domain.budget_defaults import DEFAULT_INDICATORS, MODELLO_D
from desdesk.services.workspace import Workspace


def _migration() -> ModuleType:
    path = Path(MIGRATIONS_DIR) / "versions" / "0004_money.py"
    spec = importlib.util.spec_from_file_location("desdesk_migration_0004", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_frozen_seed_equals_todays_defaults() -> None:
    """If this fails the defaults changed: the migration keeps what it seeded; a change
    for existing files needs its own migration (a conscious decision)."""
    migration = _migration()
    frozen_categories, frozen_indicators = migration.SEED_CATEGORIES, migration.SEED_INDICATORS
    assert frozen_categories == [
        (
            s.code,
            s.name,
            s.section.value,
            s.flow.value,
            s.structure_cost,
            [(c.code, c.name, c.source.value if c.source else None, c.role) for c in s.children],
        )
        for s in MODELLO_D
    ]
    assert frozen_indicators == [
        (
            d.area,
            d.name,
            d.frequency.value,
            d.responsible,
            d.data_source,
            d.unit.value,
            d.metric.value if d.metric else None,
        )
        for d in DEFAULT_INDICATORS
    ]


def test_a_new_file_gets_the_frozen_seed(workspace: Workspace) -> None:
    migration = _migration()
    categories = workspace.budget.categories()
    roots = [c for c in categories if c.parent_id is None]
    assert len(roots) == len(migration.SEED_CATEGORIES) == 13
    assert len(categories) - len(roots) == 58
    by_code = {c.code: c for c in categories}
    for code, name, section, flow, structure, children in migration.SEED_CATEGORIES:
        root = by_code[code]
        assert (root.name, root.section.value, root.flow.value, root.structure_cost) == (
            name,
            section,
            flow,
            structure,
        )
        for child_code, child_name, source, role in children:
            child = by_code[child_code]
            assert (child.parent_id, child.name, child.role) == (root.id, child_name, role)
            assert (child.default_source.value if child.default_source else None) == source
    names = [i.data.name for i in workspace.indicators.indicators()]
    assert names == [row[1] for row in migration.SEED_INDICATORS]
