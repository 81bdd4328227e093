"""contribution_status: one row per contribution, the stage it reached and the day of each stage.

Each event re-folds the contribution's stream up to that event with the domain's own fold, so corrections
(a response superseded, a communication replaced) count exactly as the commands count them.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Date, Index, MetaData, String, Table, select

from events import EventStore, RecordedEvent
from projections import Rows, StreamStates
from projections.base import Folding
from tracker.domain.contribution import EVENT_TYPES, ContributionState, fold
from tracker.read_models.projector import ReadModels
from tracker.read_models.tables import Position


class ContributionStatus(StreamStates):
    """Where each contribution stands: received, considered, responded or communicated, and when."""

    name = "contribution_status"
    version = 1
    handles = frozenset(EVENT_TYPES)
    metadata = MetaData()
    table = Table(
        "contribution_status", metadata,
        Column("id", String(100), primary_key=True),
        Column("forum_id", String(200), nullable=False),
        Column("action_plan_id", String(100), nullable=False),
        Column("status", String(20), nullable=False),
        Column("received_on", Date, nullable=False),
        Column("responded_on", Date, nullable=True),
        Column("first_written_communication_on", Date, nullable=True),
        Column("received_position", Position, nullable=False),
        Index("ix_contribution_status_plan_status", "action_plan_id", "status"),
        Index("ix_contribution_status_forum", "forum_id"),
    )

    def __init__(self, store: EventStore) -> None:
        self.store = store

    def write(self, rows: Rows, event: RecordedEvent, history: list[RecordedEvent], folding: Folding) -> None:
        """Write the contribution's row as it stood right after `event`."""
        state = folding(fold)
        if state is not None:
            rows.replace(self.table, row_of(state))


def row_of(state: ContributionState) -> dict[str, Any]:
    """The table row of a contribution's state."""
    written = [c.communicated_on for c in state.communications if c.written]
    return {
        "id": state.id, "forum_id": state.forum_id, "action_plan_id": state.action_plan_id,
        "status": state.status, "received_on": state.received_on,
        "responded_on": state.response.responded_on if state.response else None,
        "first_written_communication_on": min(written) if written else None,
        "received_position": state.received_position,
    }


def plan_statuses(projector: ReadModels, action_plan_id: str) -> list[dict[str, Any]]:
    """The rows of an action plan's contributions, oldest first (by day received, then by when logged), the read
    model brought up to the log first."""
    projector.fresh(ContributionStatus.name)
    t = ContributionStatus.table
    with projector.engine.connect() as conn:
        rows = conn.execute(select(t).where(t.c.action_plan_id == action_plan_id)
                            .order_by(t.c.received_on, t.c.received_position)).mappings().all()
    return [dict(r) for r in rows]
