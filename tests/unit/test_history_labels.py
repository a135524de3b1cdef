"""No column name reaches the user in the Cronologia: every field shown has an Italian
label (binary columns are never logged; the key, timestamps and internals are hidden)."""

from __future__ import annotations

from sqlalchemy import LargeBinary
from sqlmodel import SQLModel

from desdesk.db import models  # noqa: F401  (registers every table)
from desdesk.services.history_fields import MORE_FIELD_LABELS
from desdesk.services.history_labels import FIELD_LABELS, HIDDEN_FIELDS, field_label


def test_every_shown_field_has_an_italian_label() -> None:
    unlabelled = sorted(
        {
            f"{table.name}.{column.name}"
            for table in SQLModel.metadata.sorted_tables
            for column in table.columns
            if not isinstance(column.type, LargeBinary)
            and column.name not in HIDDEN_FIELDS
            and column.name not in FIELD_LABELS
            and column.name not in MORE_FIELD_LABELS
        }
    )
    assert unlabelled == []
    assert field_label("founding_date") == "Data di costituzione"
