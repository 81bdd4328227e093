"""The contract every read model fulfils."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any, ClassVar, Protocol

from sqlalchemy import JSON, Connection, MetaData, Table

from events import EventStore, RecordedEvent
from events.fastjson import json_dumps
from events.store import dbapi_connection


class Histories(Protocol):
    """Reads the histories of streams up to a position: (stream ids, upto) -> {stream id: events oldest first}.
    A rebuild's (projector._Histories) also carries `folded`, the states its batch's read models share."""

    def __call__(self, stream_ids: Sequence[str], upto: int) -> dict[str, list[RecordedEvent]]: ...


#: A stream's history folded into its state (a domain fold: pure, its result read, never changed).
Fold = Callable[[list[RecordedEvent]], Any]
#: Folds the history `write` is given with a fold, once a batch whichever read model asks for it.
Folding = Callable[[Fold], Any]


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
    one executemany upsert a table (a row replaced twice before is written once, the last)."""

    def __init__(self) -> None:
        self._tables: dict[Table, dict[Any, dict[str, Any]]] = {}

    def replace(self, table: Table, row: dict[str, Any]) -> None:
        self._tables.setdefault(table, {})[row["id"]] = row

    def flush(self, conn: Connection) -> None:
        """Write the rows, each replacing the row with its id if there is one (SQLite: INSERT OR REPLACE;
        PostgreSQL: INSERT ... ON CONFLICT (id) DO UPDATE), one executemany a table on the driver's cursor, each
        value converted as SQLAlchemy would (the column type's bind processor; JSON with the engines' serializer,
        sent as text). A rebuild writes a row an event or so: Core's statement and parameter handling, and a
        DELETE before each INSERT, cost a third of its time. Every row has every column of its table."""
        if not self._tables:
            return
        dialect = conn.dialect
        quote = dialect.identifier_preparer.quote
        cursor = dbapi_connection(conn).cursor()
        try:
            for table, rows in self._tables.items():
                names = [c.name for c in table.columns]
                get = itemgetter(*names)
                values = [list(get(row)) if len(names) > 1 else [get(row)] for row in rows.values()]
                for i, column in enumerate(table.columns):
                    # JSON as text (the engines' serializer): psycopg's JSON adapter took a third of an upsert
                    convert = json_dumps if isinstance(column.type, JSON) else \
                        column.type.dialect_impl(dialect).bind_processor(dialect)
                    if convert is not None:
                        for row in values:
                            row[i] = convert(row[i])
                cursor.executemany(_upsert(dialect.name, dialect.identifier_preparer.format_table(table),
                                           [quote(n) for n in names]), values)
        finally:
            cursor.close()
        self._tables.clear()


def _upsert(engine: str, table: str, columns: list[str]) -> str:
    """INSERT a row or replace the one with its `id`, in the engine's own words."""
    if engine == "sqlite":
        return f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['?'] * len(columns))})"
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "id")
    return (f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))}) "
            f"ON CONFLICT (id) DO UPDATE SET {updates}")


class StreamStates(Projection):
    """A read model whose rows are streams' states, each re-folded from the stream's history.

    `apply` folds the event's stream up to the event; `apply_batch` folds each stream of the batch once, up to
    its last event in the batch, with every history read in one query: a rebuild reads each stream once a
    batch instead of once an event. Subclasses implement `write` and set `store`.
    """

    store: EventStore

    def write(self, rows: Rows, event: RecordedEvent, history: list[RecordedEvent], fold: Folding) -> None:
        """Put into `rows` the row(s) of `event`'s stream from `history`, the stream up to and including `event`.
        `fold(f)` is `f(history)`, computed once for every read model of a rebuild's batch that asks (the tracker's
        records and reminder_queue both fold each contribution)."""
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
        folded: dict[tuple[Fold, int], Any] = getattr(histories, "folded", {})
        for event in sorted(last.values(), key=lambda e: e.position):
            history = [e for e in found.get(event.stream_id, []) if e.position <= event.position]

            def fold(f: Fold, history: list[RecordedEvent] = history, at: int = event.position) -> Any:
                key = (f, at)  # the history is the stream up to the event at `at`: the key says which
                if key not in folded:
                    folded[key] = f(history)
                return folded[key]

            self.write(rows, event, history, fold)
        rows.flush(conn)
