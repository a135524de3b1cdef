"""Alembic environment: migrations run on the connection desdesk hands over."""

from alembic import context
from sqlmodel import SQLModel

import desdesk.db.models  # noqa: F401  (registers the tables on the metadata)

config = context.config
connection = config.attributes.get("connection")

if connection is None:
    # Used only by `alembic revision --autogenerate` during development.
    from sqlalchemy import create_engine

    engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        context.configure(connection=conn, target_metadata=SQLModel.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(
        connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()
