"""Who a forum's secretariat is, for the warnings the scheduler sends them."""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import Engine

from tracker.auth.model import user_forums, users
from tracker.auth.principal import SECRETARIAT


def secretariat_addresses(engine: Engine, forum_id: str) -> list[str]:
    """The email addresses of the active secretariat users granted this forum, sorted."""
    query = (sa.select(users.c.email).join(user_forums, user_forums.c.user_id == users.c.id)
             .where(user_forums.c.forum_id == forum_id, users.c.role == SECRETARIAT, users.c.active.is_(True))
             .order_by(users.c.email))
    with engine.connect() as conn:
        return list(conn.execute(query).scalars())
