"""Indexes added to the models after a database was created: ``create_all`` makes indexes only together with
their table, so an existing database gets the missing ones here (additive: nothing is dropped or changed)."""

from __future__ import annotations

from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel


def add_missing_indexes(engine: Engine) -> list[str]:
    """Create every model index that an existing table lacks; returns the names created."""
    insp = inspect(engine)
    tables = set(insp.get_table_names())
    created: list[str] = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in tables:
            continue
        have = {i["name"] for i in insp.get_indexes(table.name)}
        for index in table.indexes:
            if index.name and index.name not in have:
                index.create(engine, checkfirst=True)
                created.append(index.name)
    return created
