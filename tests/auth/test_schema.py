"""The users and tokens tables: migration 0002 creates exactly what the code declares."""
from __future__ import annotations

import sqlalchemy as sa

from tracker.auth.model import metadata
from tracker.database import current_revision


def test_does_the_migrated_schema_match_the_declared_tables(engine):
    """Does every declared table exist after migration, with the same columns, nullability, keys and uniques?"""
    inspector = sa.inspect(engine)
    assert current_revision(engine) is not None
    for table in metadata.sorted_tables:
        columns = {c["name"]: c for c in inspector.get_columns(table.name)}
        assert set(columns) == {c.name for c in table.columns}, table.name
        for column in table.columns:
            assert columns[column.name]["nullable"] == column.nullable, f"{table.name}.{column.name}"
            reflected = columns[column.name]["type"]
            assert getattr(reflected, "length", None) == getattr(column.type, "length", None), column.name
        primary = inspector.get_pk_constraint(table.name)["constrained_columns"]
        assert set(primary) == {c.name for c in table.primary_key.columns}, table.name
        unique = {tuple(u["column_names"]) for u in inspector.get_unique_constraints(table.name)}
        unique |= {tuple(i["column_names"]) for i in inspector.get_indexes(table.name) if i["unique"]}
        declared = {(c.name,) for c in table.columns if c.unique}
        assert declared <= unique, table.name
        foreign = {(tuple(f["constrained_columns"]), f["referred_table"])
                   for f in inspector.get_foreign_keys(table.name)}
        assert foreign == {((fk.parent.name,), fk.column.table.name) for fk in table.foreign_keys}, table.name
