"""What an attacker with database access would do: drop the guard triggers, then edit rows."""
from __future__ import annotations

from sqlalchemy import Engine, text


def drop_guards(conn) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP TRIGGER events_no_update_delete ON events"))
    else:
        conn.execute(text("DROP TRIGGER events_no_update"))
        conn.execute(text("DROP TRIGGER events_no_delete"))


def tamper(engine: Engine, *statements: str, **params) -> None:
    """Run `statements` on the events table with its immutability triggers dropped."""
    with engine.begin() as conn:
        drop_guards(conn)
        for statement in statements:
            conn.execute(text(statement), params)
