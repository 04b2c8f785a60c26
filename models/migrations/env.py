"""Alembic environment: the connection comes from the caller (``models.schema.upgrade``)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import models.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """Leave out what ratsradar.search makes itself (FTS5 tables, the GIN full-text indexes)."""
    return not (reflected and compare_to is None and name and ("fts" in name or "fulltext" in name))


def run_migrations_online() -> None:
    connection = config.attributes["connection"]
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=False,
                      include_object=include_object)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
