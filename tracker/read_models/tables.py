"""What the read models' tables share: the column type of a log position, and writing one row by its id."""
from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Connection, Integer, Table

#: A log position, as the events table types it (SQLite's INTEGER is already 64 bits).
Position = BigInteger().with_variant(Integer, "sqlite")


def replace(conn: Connection, table: Table, row: dict[str, Any]) -> None:
    """Write `row` as the only row with its `id` (insert or overwrite), on any engine."""
    conn.execute(table.delete().where(table.c.id == row["id"]))
    conn.execute(table.insert().values(**row))
