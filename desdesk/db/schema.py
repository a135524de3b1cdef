"""What this desdesk knows about district files, without importing Alembic.

`KNOWN_REVISIONS` lists every migration shipped, oldest first; a test keeps it equal
to Alembic's script directory, so opening an up-to-date file needs no Alembic import.
"""

from __future__ import annotations

from pathlib import Path

# "DESD" in ASCII: marks a SQLite file as a desdesk district file.
APPLICATION_ID = 0x44455344

KNOWN_REVISIONS: tuple[str, ...] = (
    "0001_initial",
    "0002_assemblies",
    "0003_minutes_snapshot",
    "0004_money",
    "0005_check",
    "0006_documents",
    "0007_history",
    "0008_personal_data",
    "0009_versions",
)
HEAD_REVISION = KNOWN_REVISIONS[-1]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
