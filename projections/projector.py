"""Runs projections: catch up from each checkpoint, rebuild from scratch, rebuild on a version change.

Each batch of events is applied and the checkpoint moved in one transaction that first locks the
projection (PostgreSQL: an advisory lock on its name; SQLite: BEGIN IMMEDIATE), so two
processes catching up at once never apply an event twice, and a crash between batches loses nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from events import EventStore, RecordedEvent
from projections.base import Projection

BATCH = 1_000
Progress = Callable[[int], None]

checkpoints = Table(
    "projection_checkpoints", MetaData(),
    Column("name", String(100), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("position", Integer, nullable=False),
)


class Projector:
    """Keeps a set of projections up to date with the log."""

    def __init__(self, engine: Engine, store: EventStore, projections: Sequence[Projection]) -> None:
        self.engine = engine
        self.store = store
        self.projections = {p.name: p for p in projections}

    def names(self) -> list[str]:
        return list(self.projections)

    def checkpoint(self, name: str) -> tuple[int, int] | None:
        """(version, position) of a projection's checkpoint, or None when it was never built."""
        with self.engine.connect() as conn:
            row = conn.execute(select(checkpoints.c.version, checkpoints.c.position)
                               .where(checkpoints.c.name == name)).first()
        return (row[0], row[1]) if row else None

    def ensure_ready(self, progress: Progress | None = None) -> list[str]:
        """Rebuild every projection never built or built by another version; return their names."""
        rebuilt = []
        for name, projection in self.projections.items():
            cp = self.checkpoint(name)
            if cp is None or cp[0] != projection.version:
                self.rebuild(name, progress)
                rebuilt.append(name)
        return rebuilt

    def catch_up(self, names: Iterable[str] | None = None) -> int:
        """Apply every event past each checkpoint; return how many were applied."""
        applied = 0
        for name in names or self.projections:
            applied += self._catch_up(self.projections[name], None)
        return applied

    def rebuild(self, name: str, progress: Progress | None = None) -> int:
        """Drop a projection's tables, create them anew and replay the whole log into them."""
        projection = self.projections[name]
        with self._locked(name) as conn:
            projection.metadata.drop_all(conn)
            projection.metadata.create_all(conn)
            self._save(conn, projection, 0)
        return self._catch_up(projection, progress)

    # -- internals ---------------------------------------------------------------------------------

    def _catch_up(self, projection: Projection, progress: Progress | None) -> int:
        applied = 0
        while True:
            with self._locked(projection.name) as conn:
                position = conn.execute(select(checkpoints.c.position)
                                        .where(checkpoints.c.name == projection.name)).scalar()
                if position is None:  # never built: build it now
                    projection.metadata.create_all(conn)
                    position = 0
                batch: list[RecordedEvent] = list(
                    self.store.read_all(after=position, limit=BATCH, types=projection.handles))
                for event in batch:
                    projection.apply(conn, event)
                if batch:
                    self._save(conn, projection, batch[-1].position)
                elif position == 0:
                    self._save(conn, projection, 0)
            applied += len(batch)
            if progress and batch:
                progress(len(batch))
            if len(batch) < BATCH:
                return applied

    @contextmanager
    def _locked(self, name: str) -> Iterator[Connection]:
        """A transaction that alone may move `name`'s checkpoint until it ends.

        PostgreSQL: a transaction-scoped advisory lock on the name; SQLite: BEGIN IMMEDIATE (one writer).
        """
        with self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                                 {"key": f"projection:{name}"})
                yield conn

    def _save(self, conn: Connection, projection: Projection, position: int) -> None:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        stmt = insert(checkpoints).values(name=projection.name, version=projection.version, position=position)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["name"], set_={"version": projection.version, "position": position}))
