"""forum_directory: one row per forum, in the order they were established, for listing without folding the log."""
from __future__ import annotations

from sqlalchemy import Column, Connection, Date, Index, MetaData, String, Table, Text, select

from events import RecordedEvent
from projections import Projection
from tracker.domain.forum import fold
from tracker.read_models.projector import ReadModels
from tracker.read_models.tables import Position, replace


class ForumDirectory(Projection):
    """Every forum's name, OGP member, establishment day, timezone and language.

    Only `ForumEstablished` sets these (no event changes them later), so it is the only event handled.
    """

    name = "forum_directory"
    version = 1
    handles = frozenset({"ForumEstablished"})
    metadata = MetaData()
    table = Table(
        "forum_directory", metadata,
        Column("id", String(200), primary_key=True),
        Column("name", Text, nullable=False),
        Column("member", Text, nullable=False),
        Column("established_on", Date, nullable=False),
        Column("timezone", String(100), nullable=False),
        Column("language", String(10), nullable=False),
        Column("position", Position, nullable=False),
        Index("ix_forum_directory_position", "position"),
    )

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        """Write the forum's row from its first event, through the domain's fold."""
        state = fold([event])
        if state is None:
            return
        replace(conn, self.table, {
            "id": state.id, "name": state.name, "member": state.member, "established_on": state.established_on,
            "timezone": state.timezone, "language": state.language, "position": event.position,
        })


def forum_ids(projector: ReadModels) -> list[str]:
    """Every forum's id in the order they were established, the directory brought up to the log first."""
    projector.fresh(ForumDirectory.name)
    t = ForumDirectory.table
    with projector.engine.connect() as conn:
        return list(conn.execute(select(t.c.id).order_by(t.c.position)).scalars())
