"""The contract every read model fulfils."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from sqlalchemy import Connection, MetaData, Table

from events import EventStore, RecordedEvent

#: Reads the histories of streams up to a position: (stream ids, upto) -> {stream id: events oldest first}.
Histories = Callable[[Sequence[str], int], dict[str, list[RecordedEvent]]]


class Projection:
    """A read model: a pure function of the event sequence, kept in its own tables.

    Subclasses set `name`, `version` (raise it whenever `apply` or the tables change: the model is then
    rebuilt from the log at start-up), `handles` (the event types it reads) and `metadata` (its tables),
    and implement `apply`, which must only write its own tables through `conn`.
    """

    name: ClassVar[str]
    version: ClassVar[int]
    handles: ClassVar[frozenset[str]]
    metadata: ClassVar[MetaData]

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        """Fold one event into the tables."""
        raise NotImplementedError

    def apply_batch(self, conn: Connection, events: Sequence[RecordedEvent],
                    histories: Histories | None = None) -> None:
        """Fold consecutive events, leaving the tables as applying them one by one would (the projector calls
        this; the default does exactly that). `histories`, if given, reads streams' histories (see StreamStates)."""
        for event in events:
            self.apply(conn, event)


class Rows:
    """Rows to write, each the only row with its `id` in its table: kept until `flush`, which writes them with
    one DELETE and one executemany INSERT a table (a row replaced twice before is written once, the last)."""

    def __init__(self) -> None:
        self._tables: dict[Table, dict[Any, dict[str, Any]]] = {}

    def replace(self, table: Table, row: dict[str, Any]) -> None:
        self._tables.setdefault(table, {})[row["id"]] = row

    def flush(self, conn: Connection) -> None:
        for table, rows in self._tables.items():
            ids = list(rows)
            for start in range(0, len(ids), 500):
                conn.execute(table.delete().where(table.c.id.in_(ids[start:start + 500])))
            conn.execute(table.insert(), list(rows.values()))
        self._tables.clear()


class StreamStates(Projection):
    """A read model whose rows are streams' states, each re-folded from the stream's history.

    `apply` folds the event's stream up to the event; `apply_batch` folds each stream of the batch once, up to
    its last event in the batch, with every history read in one query: a rebuild reads each stream once a
    batch instead of once an event. Subclasses implement `write` and set `store`.
    """

    store: EventStore

    def write(self, rows: Rows, event: RecordedEvent, history: list[RecordedEvent]) -> None:
        """Put into `rows` the row(s) of `event`'s stream from `history`, the stream up to and including `event`."""
        raise NotImplementedError

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        self.apply_batch(conn, [event])

    def apply_batch(self, conn: Connection, events: Sequence[RecordedEvent],
                    histories: Histories | None = None) -> None:
        rows = Rows()
        last: dict[str, RecordedEvent] = {}
        for event in events:
            last[event.stream_id] = event
        found = (histories or self.store.read_streams)(list(last), upto=events[-1].position)
        for event in sorted(last.values(), key=lambda e: e.position):
            self.write(rows, event, [e for e in found.get(event.stream_id, []) if e.position <= event.position])
        rows.flush(conn)
