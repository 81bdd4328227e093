"""The log loses its (type, position) index: nothing needs it any more, and every append paid for it.

It answered one question, "does the log hold an event of these types past this position?", which each read
model asked before each read. A read model's checkpoint now moves to the end of what its catch-up read (the
log's head when it is current), and every write catches every read model up, so the question became "is my
checkpoint behind the head?", two reads by primary key. The few reads by type that remain (a rebuild of one read
model, the documents' backup, `tracker projections status`) read the log in position order and keep the types
asked for. On SQLite a 10-event command wrote two fewer pages to the write-ahead log and synced them
(docs/performance.md, "Appends against the eventsourcing library").

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_events_type_position", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_type_position", "events", ["type", "position"])
