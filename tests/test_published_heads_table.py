"""The published heads table: migration 0005 creates exactly what tracker/published_heads.py declares, and going
back to 0004 removes it."""
from __future__ import annotations

import sqlalchemy as sa
from alembic import command

from tracker.database import _alembic_config, current_revision, head_revision, upgrade
from tracker.published_heads import published_heads


def columns_of(engine) -> dict[str, dict]:
    return {c["name"]: c for c in sa.inspect(engine).get_columns("published_heads")}


def test_the_migrated_table_matches_the_declared_one_and_downgrades_away(engine):
    columns = columns_of(engine)
    assert set(columns) == {c.name for c in published_heads.columns}
    for column in published_heads.columns:
        assert columns[column.name]["nullable"] == column.nullable, column.name
        assert getattr(columns[column.name]["type"], "length", None) == getattr(column.type, "length", None)
    assert sa.inspect(engine).get_pk_constraint("published_heads")["constrained_columns"] == ["id"]

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    assert current_revision(engine) == "0004" and "published_heads" not in sa.inspect(engine).get_table_names()
    upgrade(engine)
    assert current_revision(engine) == head_revision() and "published_heads" in sa.inspect(engine).get_table_names()
