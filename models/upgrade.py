"""Bring an existing database up to the current tables: columns added to a model later (always nullable or
with a default, see the rule in ``models/tables.py``) are added to the database's tables with ALTER TABLE.

``SQLModel.metadata.create_all`` creates missing tables but never touches existing ones; a database made by an
earlier version would otherwise fail on the first query that names a new column. Nothing is ever dropped or
changed, only added; indexes of the new columns are created too.
"""

from __future__ import annotations

from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateIndex
from sqlmodel import SQLModel


def _default_sql(column, dialect) -> str:  # type: ignore[no-untyped-def]
    default = column.default
    if default is None or not getattr(default, "is_scalar", False):
        return ""
    value = default.arg
    if isinstance(value, bool):
        return " DEFAULT " + (("TRUE" if value else "FALSE") if dialect.name == "postgresql" else str(int(value)))
    if isinstance(value, int | float):
        return f" DEFAULT {value}"
    if isinstance(value, str):
        return " DEFAULT '" + value.replace("'", "''") + "'"
    return ""


def add_missing_columns(engine: Engine) -> list[str]:
    """Add every model column missing from its existing table; returns ``table.column`` of each one added."""
    insp = inspect(engine)
    existing_tables = set(insp.get_table_names())
    added: list[str] = []
    with engine.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if table.name not in existing_tables:
                continue
            have = {c["name"] for c in insp.get_columns(table.name)}
            new_cols = [c for c in table.columns if c.name not in have]
            for column in new_cols:
                ctype = column.type.compile(dialect=engine.dialect)
                default = _default_sql(column, engine.dialect)
                not_null = " NOT NULL" if (not column.nullable and default) else ""
                prep = engine.dialect.identifier_preparer
                conn.execute(text(f"ALTER TABLE {prep.quote(table.name)} ADD COLUMN "
                                  f"{prep.quote(column.name)} {ctype}{default}{not_null}"))
                added.append(f"{table.name}.{column.name}")
            if new_cols:
                names = {c.name for c in new_cols}
                have_idx = {i["name"] for i in insp.get_indexes(table.name)}
                for index in table.indexes:
                    if index.name not in have_idx and {c.name for c in index.columns} & names:
                        conn.execute(CreateIndex(index))
    return added
