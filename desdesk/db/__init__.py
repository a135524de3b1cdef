"""SQLite district files: tables, engine, migrations and query helpers (never commit)."""
