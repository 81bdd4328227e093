"""Runs projections: catch up from each checkpoint, rebuild from scratch, rebuild on a version change.

Each batch of events is applied and the checkpoint moved in one transaction that first locks the
projection (PostgreSQL: an advisory lock on its name; SQLite: BEGIN IMMEDIATE), so two
processes catching up at once never apply an event twice, and a crash between batches loses nothing.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from events import EventStore, RecordedEvent
from events.store import dbapi_connection
from projections.base import Projection, StreamStates

BATCH = 1_000
#: A rebuild's batch: larger, so each stream's history is read fewer times (memory stays bounded by it).
REBUILD_BATCH = 5_000
#: SQLite settings of a rebuild's batches. synchronous=NORMAL: in WAL mode a power cut may undo the last batches,
#: never mix them, and their checkpoints go with them. wal_autocheckpoint: copy the write-ahead log into the
#: database every 50,000 pages (200 MB) instead of every 1,000, so a page rewritten batch after batch is copied
#: once (at 1M events the checkpoints at each batch's commit took a fifth of the rebuild); the rebuild ends with
#: a checkpoint of its own.
REBUILD_PRAGMAS: dict[str, int | str] = {"synchronous": "NORMAL", "wal_autocheckpoint": 50_000}
Progress = Callable[[int], None]

checkpoints = Table(
    "projection_checkpoints", MetaData(),
    Column("name", String(100), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("position", Integer, nullable=False),
)


class Projector:
    """Keeps a set of projections up to date with the log."""

    def __init__(self, engine: Engine, store: EventStore, projections: Sequence[Projection],
                 unfolded: Iterable[str] = ()) -> None:
        """`unfolded`: event types of streams no read model folds (a stored document's), which a rebuild may
        leave unread and still hold every event of the streams it folds."""
        self.engine = engine
        self.store = store
        self.projections = {p.name: p for p in projections}
        self.unfolded = frozenset(unfolded)

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
        stale = []
        for name, projection in self.projections.items():
            cp = self.checkpoint(name)
            if cp is None or cp[0] != projection.version:
                stale.append(name)
        if stale:
            self.rebuild_all(stale, progress)
        return stale

    def catch_up(self, names: Iterable[str] | None = None) -> int:
        """Apply every event past each checkpoint; return how many were applied."""
        applied = 0
        for name in names or self.projections:
            applied += self._catch_up(self.projections[name], None)
        return applied

    def catch_up_all(self) -> None:
        """After a write: catch every projection up in one transaction, reading the new events once for all; those
        that handle none of them only move their checkpoints to the end of the log. On failure, each is tried on
        its own."""
        names = list(self.projections)
        try:
            self.catch_up_together(names)
        except Exception:
            self.catch_up(names)

    def catch_up_together(self, names: Iterable[str]) -> int:
        """Catch several built projections up in one transaction, reading the new events once for all of them:
        after a command, a few events, one commit instead of one a projection. Returns the events read.
        A projection never built is left to `catch_up`."""
        chosen = [self.projections[name] for name in names]
        read = 0
        while chosen:
            with self._locked(*(p.name for p in chosen)) as conn:
                marks = dict(conn.execute(select(checkpoints.c.name, checkpoints.c.position)
                                          .where(checkpoints.c.name.in_([p.name for p in chosen]))).all())
                chosen = [p for p in chosen if p.name in marks]
                if not chosen:
                    return read
                handled = frozenset().union(*(p.handles for p in chosen))
                head = self.store.head(conn=conn).position
                batch = list(self.store.read_all(after=min(marks[p.name] for p in chosen), limit=BATCH,
                                                 types=handled))
                end = _end_of_read(batch, BATCH, head)
                for projection in chosen:
                    mine = [e for e in batch if e.position > marks[projection.name] and e.type in projection.handles]
                    if mine:
                        projection.apply_batch(conn, mine)
                moved = [p.name for p in chosen if end > marks[p.name]]
                if moved:  # one statement for all: after a command every checkpoint moves to the same head
                    conn.execute(checkpoints.update().where(checkpoints.c.name.in_(moved)).values(position=end))
            read += len(batch)
            if len(batch) < BATCH:
                return read
        return read

    def rebuild(self, name: str, progress: Progress | None = None) -> int:
        """Drop a projection's tables, create them anew and replay the whole log into them."""
        return self.rebuild_all([name], progress)[name]

    def rebuild_all(self, names: Iterable[str] | None = None, progress: Progress | None = None) -> dict[str, int]:
        """Rebuild several projections in one pass over the log: each page of events is read and decoded once,
        and each stream's history once a batch for all of them. Returns the events each applied.

        The tables are emptied first (in one transaction); each batch is then applied to all of them and every
        checkpoint moved to its end in one transaction, so a crash midway resumes from there on the next catch-up.
        Memory is bounded by the batch, not the log."""
        chosen = [self.projections[name] for name in (names or self.projections)]
        with self._locked(*(p.name for p in chosen)) as conn:
            for projection in chosen:
                projection.metadata.drop_all(conn)
                projection.metadata.create_all(conn)
                self._save(conn, projection, 0)
        applied = {p.name: 0 for p in chosen}
        handled = frozenset().union(*(p.handles for p in chosen))
        complete = handled | self.unfolded >= set(self.store.registry.names())
        position = 0
        head = self.store.head().position
        while True:
            batch = list(self.store.read_all(after=position, limit=REBUILD_BATCH, types=handled))
            if not batch:  # nothing of these types past the last full batch (or in the log): on to the head
                if head > position:
                    with self._locked(*(p.name for p in chosen)) as conn:
                        for projection in chosen:
                            self._save(conn, projection, head)
                break
            histories = _Histories(self.store, batch, chosen, complete)
            with self._locked(*(p.name for p in chosen), sqlite=REBUILD_PRAGMAS) as conn:
                for projection in chosen:
                    mine = [e for e in batch if e.type in projection.handles]
                    if mine:
                        projection.apply_batch(conn, mine, histories)
                        applied[projection.name] += len(mine)
                    self._save(conn, projection, _end_of_read(batch, REBUILD_BATCH, head))
            position = batch[-1].position
            if progress:
                progress(len(batch))
            if len(batch) < REBUILD_BATCH:
                break
        if self.engine.dialect.name == "sqlite":  # what the batches left in the write-ahead log, now
            with self.engine.connect() as conn:
                dbapi_connection(conn).execute("PRAGMA wal_checkpoint(PASSIVE)")
        return applied

    # -- internals ---------------------------------------------------------------------------------

    def _catch_up(self, projection: Projection, progress: Progress | None) -> int:
        applied = 0
        while True:
            with self._locked(projection.name) as conn:
                position = conn.execute(select(checkpoints.c.position)
                                        .where(checkpoints.c.name == projection.name)).scalar()
                if position is None:  # never built: build it now
                    projection.metadata.create_all(conn)
                    position = -1  # so that its first checkpoint is saved, 0 for an empty log
                head = self.store.head(conn=conn).position
                batch: list[RecordedEvent] = list(
                    self.store.read_all(after=max(position, 0), limit=BATCH, types=projection.handles))
                if batch:
                    projection.apply_batch(conn, batch)
                end = _end_of_read(batch, BATCH, head)
                if end > position:
                    self._save(conn, projection, end)
            applied += len(batch)
            if progress and batch:
                progress(len(batch))
            if len(batch) < BATCH:
                return applied

    @contextmanager
    def _locked(self, *names: str, sqlite: dict[str, int | str] | None = None) -> Iterator[Connection]:
        """A transaction that alone may move these projections' checkpoints until it ends.

        PostgreSQL: a transaction-scoped advisory lock on each name (taken in sorted order, so two callers never
        deadlock); SQLite: BEGIN IMMEDIATE (one writer). `sqlite` sets pragmas of the connection for this
        transaction only (see REBUILD_PRAGMAS).
        """
        with self.engine.connect() as conn:
            raw = dbapi_connection(conn)
            restore: dict[str, int | str] = {}
            if sqlite and conn.dialect.name == "sqlite":  # set before BEGIN: synchronous cannot change inside
                for pragma, value in sqlite.items():
                    restore[pragma] = raw.execute(f"PRAGMA {pragma}").fetchone()[0]
                    raw.execute(f"PRAGMA {pragma}={value}")
            try:
                conn = conn.execution_options(sqlite_begin="IMMEDIATE")
                with conn.begin():
                    if conn.dialect.name == "postgresql":
                        for name in sorted(names):
                            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                                         {"key": f"projection:{name}"})
                    yield conn
            finally:
                for pragma, value in restore.items():
                    raw.execute(f"PRAGMA {pragma}={value}")

    def _save(self, conn: Connection, projection: Projection, position: int) -> None:
        insert = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        stmt = insert(checkpoints).values(name=projection.name, version=projection.version, position=position)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["name"], set_={"version": projection.version, "position": position}))


def _end_of_read(batch: Sequence[RecordedEvent], limit: int, head: int) -> int:
    """Where a checkpoint may move after reading `batch` (at most `limit` events of a projection's types, after
    reading the log's `head` position): a full batch, to its last event (more may follow); a shorter one read
    every event of those types the log held, so to the head at least (positions commit in order: every event up
    to a position read as the head is committed), so that the read model need not look at those events again,
    and its freshness is one comparison with the head."""
    if len(batch) >= limit:
        return batch[-1].position
    return max(head, batch[-1].position) if batch else head


class _Histories:
    """The histories of every stream a rebuild batch touches, up to the batch's end, for all the projections that
    re-fold streams (`StreamStates.apply_batch`): what came before the batch read once, in one query, and the
    batch's own events (already read and decoded) added after it."""

    def __init__(self, store: EventStore, batch: Sequence[RecordedEvent], projections: Sequence[Projection],
                 complete: bool) -> None:
        self._store = store
        self._batch = batch
        #: Was the batch read with every event type? Then it holds every event of its window.
        self._complete = complete
        refolders = [p for p in projections if isinstance(p, StreamStates)]
        self._wanted = {e.stream_id for e in batch if any(e.type in p.handles for p in refolders)}
        self._found: dict[str, list[RecordedEvent]] | None = None
        #: States folded by one read model for the others (StreamStates.write's `fold`), by (fold, position).
        self.folded: dict[tuple[Callable[..., Any], int], Any] = {}

    def __call__(self, stream_ids: Sequence[str], upto: int) -> dict[str, list[RecordedEvent]]:
        if self._found is None:
            wanted = sorted(self._wanted)
            if not self._complete:  # the batch lacks the types no chosen projection handles: read it all
                self._found = self._store.read_streams(wanted, upto=self._batch[-1].position)
                return self._found
            found = self._store.read_streams(wanted, upto=self._batch[0].position - 1)
            for event in self._batch:
                if event.stream_id in self._wanted:
                    found.setdefault(event.stream_id, []).append(event)
            self._found = found
        return self._found
