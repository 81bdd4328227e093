"""The events table, described for SQLAlchemy Core. Alembic's migrations create it; this mirrors them."""
from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, MetaData, String, Table, Text, UniqueConstraint

metadata = MetaData()

events_table = Table(
    "events",
    metadata,
    # Positions are assigned by the appender under the write lock: gapless and in commit order.
    Column("position", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=False),
    Column("event_id", String(36), nullable=False, unique=True),
    Column("stream_id", String(200), nullable=False),
    Column("stream_version", Integer, nullable=False),
    Column("tenant_id", String(200), nullable=False),
    Column("type", String(100), nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("data", Text, nullable=False),
    # Instants are stored as fixed-width UTC ISO text: the same bytes on every engine, hashed as stored.
    Column("occurred_at", String(32), nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("recorded_by", String(200), nullable=False),
    Column("correlation_id", String(36), nullable=False),
    Column("causation_id", String(36), nullable=True),
    Column("metadata", Text, nullable=False),
    Column("hash", String(64), nullable=False),
    UniqueConstraint("stream_id", "stream_version", name="uq_events_stream_version"),
    Index("ix_events_tenant_position", "tenant_id", "position"),
)

# An event row's columns, named once: in the table above. The lists below are derived from it.
#: Every stored column, in the table's order: the order an append inserts them in and an export writes them in.
EVENT_COLUMNS: tuple[str, ...] = tuple(events_table.columns.keys())
#: The columns the hash chain covers, in `chain_hash`'s argument order (events/hashing.py): all but the hash.
HASHED_COLUMNS: tuple[str, ...] = tuple(c for c in EVENT_COLUMNS if c != "hash")
#: The columns a read brings back, in RecordedEvent's field order: all but `metadata`, which it does not carry.
RECORDED_COLUMNS: tuple[str, ...] = tuple(c for c in EVENT_COLUMNS if c != "metadata")

# One key per person whose personal data the log holds (crypto-shredding: see events/personal.py). The key is
# stored wrapped by the deployment's master key; forgetting the person sets `wrapped_key` to NULL for good.
person_keys_table = Table(
    "person_keys",
    metadata,
    Column("person_id", String(100), primary_key=True),
    Column("tenant_id", String(200), nullable=False),
    Column("wrapped_key", Text, nullable=True),
    Column("created_at", String(32), nullable=False),
    Column("forgotten_at", String(32), nullable=True),
    Index("ix_person_keys_tenant", "tenant_id"),
)
