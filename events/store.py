"""The event store: one append-only, hash-chained table of immutable events.

    store = EventStore(engine, registry)
    store.append("forum-1", [NewEvent(ForumEstablished(...), occurred_at)], expected_version=0,
                 metadata=Metadata(actor="ana@example.org"), tenant_id="forum-1")
    for recorded in store.read_all(after=0): ...

Appends are serialized: on SQLite by `BEGIN IMMEDIATE`, on PostgreSQL by `LOCK TABLE events IN EXCLUSIVE
MODE` (readers are not blocked). The appender assigns positions itself while it holds the lock, so
positions are gapless and commit in order: a reader tailing `read_all(after=p)` never sees an event
appear behind one it has already seen.
"""
from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, QueuePool
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy.engine.interfaces import DBAPIConnection, DBAPICursor
from sqlalchemy.exc import IntegrityError

from events.database import is_postgresql
from events.envelope import Head, Metadata, NewEvent, RecordedEvent
from events.errors import ConcurrencyError, PersonalDataInClear, TenantMismatch, UnknownEventType
from events.fastjson import json_loads
from events.hashing import GENESIS_HASH, CommandChain, canonical_json, format_instant
from events.ids import new_ids
from events.personal import Keyring, Personal, open_sealed, seal, sealed_people
from events.registry import DomainEvent, EventRegistry
from events.schema import EVENT_COLUMNS, RECORDED_COLUMNS
from events.tenant_cache import MAX_EVENTS as TENANT_CACHE_EVENTS
from events.tenant_cache import TenantCache

Clock = Callable[[], datetime]

READ_PAGE = 2_000

# Bound once: _decode runs for every event read, and these lookups showed in its profile.
_loads = json_loads
_instant = datetime.fromisoformat  # the inverse of hashing.format_instant
_Recorded = RecordedEvent

# Column order of every read; _decode unpacks rows in this order.
_SELECT = ", ".join(RECORDED_COLUMNS)


def dbapi_connection(conn: Connection) -> DBAPIConnection:
    """The driver's connection under an open SQLAlchemy connection (there is one until the connection is closed
    or invalidated)."""
    raw = conn.connection.dbapi_connection
    assert raw is not None, "the connection is closed or invalidated"
    return raw


@dataclass(frozen=True)
class PersonKey:
    """A row of the key table, without the key: whose it is, since when, and when it was destroyed."""

    person_id: str
    tenant_id: str
    created_at: str
    forgotten_at: str | None


def utc_now() -> datetime:
    """The server clock."""
    return datetime.now(UTC)


class EventStore:
    """Appends command results atomically and reads them back in order, upcast to current versions."""

    def __init__(self, engine: Engine, registry: EventRegistry, clock: Clock = utc_now,
                 keyring: Keyring | None = None, tenant_cache_events: int = TENANT_CACHE_EVENTS) -> None:
        self.engine = engine
        self.registry = registry
        self.clock = clock
        #: Seals the personal data event types declare (events/personal.py). Without one, appending such an
        #: event is refused (PersonalDataInClear) and sealed values read as forgotten.
        self.keyring = keyring
        self._personal = registry.personal
        self._postgres = is_postgresql(engine)
        self._versions = registry.versions
        self._sql = _HotSql.for_dialect(engine.dialect.paramstyle)
        self._integrity_errors = (IntegrityError, engine.dialect.loaded_dbapi.IntegrityError)
        #: Recently read tenants' logs, decoded (`read_tenant`); bounded by `tenant_cache_events`.
        self.tenant_cache = TenantCache(lambda tenant_id, after: list(self.read_all(after, tenant_id=tenant_id)),
                                        self._forgotten_in, tenant_cache_events)
        #: SQLite appends on the store's own connections, when the engine's connections are interchangeable: a
        #: file's (a queue pool), not an in-memory database's (one database a connection, one connection a thread).
        self._append_connections = (_AppendConnections.of(engine)
                                    if not self._postgres and isinstance(engine.pool, QueuePool) else None)

    # -- writing -------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[AppendTransaction]:
        """One database transaction holding the append lock; several appends in it commit together."""
        with self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                if self._postgres:
                    conn.exec_driver_sql("LOCK TABLE events IN EXCLUSIVE MODE")
                yield AppendTransaction(self, conn)

    def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: int | None,
        metadata: Metadata,
        *,
        tenant_id: str,
    ) -> list[RecordedEvent]:
        """Append one command's events to a stream, all or none.

        `expected_version` is the stream's version the command decided against (0 for a new stream);
        None skips the check. A stale version raises ConcurrencyError and writes nothing.
        """
        # The same as `with self.transaction() as tx: return tx.append(...)`, on the driver's connection alone:
        # SQLAlchemy's Connection, its begin event and Core's BEGIN cost more than SQLite's work for a command
        # (see _Appender). The lock is taken as transaction() takes it. On PostgreSQL the statements are
        # pipelined: BEGIN, the lock and the read of the stream's state and the head in one round trip, the
        # insert and COMMIT in another.
        raw, release = self._append_connection()
        appender = _Appender(self, raw, locked=False)
        kept = False
        try:
            if self._postgres:
                with raw.pipeline():  # psycopg's Connection
                    recorded = appender.append(stream_id, events, expected_version, metadata, tenant_id=tenant_id)
                    raw.commit()  # the insert's errors come with the commit's answer
            else:
                recorded = appender.append(stream_id, events, expected_version, metadata, tenant_id=tenant_id)
                raw.commit()
            kept = True
            return recorded
        except self._integrity_errors as exc:  # a backstop: under the lock no writer gets here
            kept = _rolled_back(appender)
            raise ConcurrencyError(stream_id, expected_version, appender.attempted) from exc
        except (ConcurrencyError, TenantMismatch, UnknownEventType, PersonalDataInClear):  # refused, nothing sent
            kept = _rolled_back(appender)
            raise
        except BaseException:
            _rolled_back(appender)
            raise
        finally:
            release(kept)

    def _append_connection(self) -> tuple[DBAPIConnection, Callable[[bool], None]]:
        """A driver connection for one append, and what to call after it (with whether the connection is fit to
        serve again). On PostgreSQL, one from the pool (pre-pinged: the server may have gone away meanwhile), as
        for an in-memory SQLite database. On a SQLite file, one of the store's own, kept between appends outside
        the pool (`_AppendConnections`): the pool's checkout and return cost 30 microseconds an append, a tenth
        of SQLite's own work for a 10-event command."""
        if self._append_connections is None:
            fairy = self.engine.raw_connection()
            raw = fairy.dbapi_connection
            assert raw is not None, "a checked-out connection has its driver's connection"
            return raw, lambda _kept: fairy.close()
        return self._append_connections.take()

    # -- reading -------------------------------------------------------------------------------

    def stream_version(self, stream_id: str) -> int:
        """The stream's current version: the count of its events (0 when it does not exist)."""
        rows = self._fetch(self._sql.stream_state, (stream_id,))
        return rows[0][0] if rows else 0

    def tenant_of(self, stream_id: str) -> str | None:
        """The tenant a stream belongs to (None when the stream does not exist)."""
        rows = self._fetch(self._sql.stream_state, (stream_id,))
        return rows[0][1] if rows else None

    def tenant_position(self, stream_id: str) -> tuple[str, int] | None:
        """The stream's tenant and the last position of that tenant's events (None when the stream does not
        exist): one indexed query, what tells a cached answer about a tenant whether it still holds."""
        mark = self._sql.mark
        rows = self._fetch(f"SELECT s.tenant_id, (SELECT max(position) FROM events t WHERE t.tenant_id = s.tenant_id) "
                           f"FROM events s WHERE s.stream_id = {mark} AND s.stream_version = 1", (stream_id,))
        return (rows[0][0], rows[0][1]) if rows else None

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]:
        """A stream's events after `after_version`, oldest first."""
        return self._decode_rows(self._fetch(self._sql.read_stream, (stream_id, after_version)))

    def read_streams(self, stream_ids: Sequence[str], upto: int) -> dict[str, list[RecordedEvent]]:
        """The events of several streams up to position `upto`, each stream's oldest first (one query per 500
        streams)."""
        found: dict[str, list[RecordedEvent]] = {}
        mark = self._sql.mark
        for start in range(0, len(stream_ids), 500):
            chunk = list(stream_ids[start:start + 500])
            sql = (f"SELECT {_SELECT} FROM events WHERE stream_id IN ({', '.join([mark] * len(chunk))}) "
                   f"AND position <= {mark} ORDER BY position")
            for event in self._decode_rows(self._fetch(sql, (*chunk, upto))):
                found.setdefault(event.stream_id, []).append(event)
        return found

    def read_all(
        self,
        after: int = 0,
        limit: int | None = None,
        *,
        tenant_id: str | None = None,
        stream_id: str | None = None,
        types: Iterable[str] | None = None,
        page_size: int = READ_PAGE,
    ) -> Iterator[RecordedEvent]:
        """Events after position `after`, in order, optionally of one tenant, stream or set of types.

        Reads page by page on short transactions, so a long read holds no lock and little memory.
        """
        mark = self._sql.mark
        where, params = [f"position > {mark}"], []
        if tenant_id is not None:
            where.append(f"tenant_id = {mark}")
            params.append(tenant_id)
        if stream_id is not None:
            where.append(f"stream_id = {mark}")
            params.append(stream_id)
        wanted: frozenset[str] | None = None  # the types to keep, when they are filtered here, not in SQL
        if types is not None:
            type_list = sorted(set(types))
            if not type_list:
                return
            if len(type_list) * 2 > len(self._versions) and tenant_id is None and stream_id is None:
                # Most of the registry's types (a rebuild, a catch-up): every event read in position order and
                # the others skipped here, rather than asking the engine to compare each row's type with a long
                # list. (When the log had an index on (type, position), asked to filter, both engines' planners
                # scanned it for the types and sorted what they found: 8 times slower on SQLite, 12 on
                # PostgreSQL.) Fewer types are filtered in SQL, in position order.
                wanted = frozenset(type_list)
            else:
                where.append(f"type IN ({', '.join([mark] * len(type_list))})")
                params.extend(type_list)
        sql = f"SELECT {_SELECT} FROM events WHERE {' AND '.join(where)} ORDER BY position LIMIT {mark}"
        remaining = limit
        while remaining is None or remaining > 0:
            size = page_size if remaining is None else min(page_size, remaining)
            rows = self._fetch(sql, (after, *params, size))
            kept = rows if wanted is None else [row for row in rows if row[5] in wanted]  # row[5]: the type
            yield from self._decode_rows(kept)
            if len(rows) < size:
                return
            after = rows[-1][0]
            if remaining is not None:
                remaining -= len(kept)

    def count_after(self, after: int, types: Iterable[str]) -> int:
        """How many events of these types the log holds past position `after` (0 for no types).

        What a projection has yet to apply from its checkpoint: a count of the events past it (in position
        order; the log has no index by type, whose upkeep every append would pay for).
        """
        type_list = sorted(set(types))
        if not type_list:
            return 0
        mark = self._sql.mark
        count: int = self._fetch(f"SELECT COUNT(*) FROM events WHERE type IN ({', '.join([mark] * len(type_list))}) "
                                 f"AND position > {mark}", (*type_list, after))[0][0]
        return count

    def any_after(self, after: int, types: Iterable[str], *, conn: Connection | None = None) -> bool:
        """Does the log hold an event of these types past position `after` (False for no types)?

        A probe of the events past it in position order until one of the types, without a lock: cheap close to
        the head. (The read models ask something cheaper: is the checkpoint behind `head`?) With `conn`, it is
        asked on that connection, inside its transaction (begun by the question if none was): a reader that then
        reads something else on it sees the same snapshot (SQLite) the answer was given in.
        """
        type_list = sorted(set(types))
        if not type_list:
            return False
        mark = self._sql.mark
        sql = (f"SELECT EXISTS (SELECT 1 FROM events WHERE position > {mark} "
               f"AND type IN ({', '.join([mark] * len(type_list))}))")
        params = (after, *type_list)
        if conn is None:
            return bool(self._fetch(sql, params)[0][0])
        return bool(conn.exec_driver_sql(sql, params).scalar())

    def read_tenant(self, tenant_id: str) -> list[RecordedEvent]:
        """Every event of one tenant (a forum) logged so far, in order: `read_all(tenant_id=...)` served from a
        per-process cache of decoded events that one query brings up to date (events/tenant_cache.py). The
        events are shared with later reads: do not change their `data`."""
        return self.tenant_cache.events(tenant_id)

    def _forgotten_in(self, tenant_id: str) -> int:
        """How many of the tenant's people are forgotten (it moves whenever one of their keys is destroyed)."""
        mark = self._sql.mark
        count: int = self._fetch(f"SELECT COUNT(*) FROM person_keys WHERE tenant_id = {mark} "
                                 f"AND forgotten_at IS NOT NULL", (tenant_id,))[0][0]
        return count

    def person(self, person_id: str) -> PersonKey | None:
        """What the key table knows of a person (None when no sealed value of theirs was ever written)."""
        mark = self._sql.mark
        rows = self._fetch(f"SELECT person_id, tenant_id, created_at, forgotten_at FROM person_keys "
                           f"WHERE person_id = {mark}", (person_id,))
        return PersonKey(*rows[0]) if rows else None

    def person_keys(self, tenant_id: str) -> list[PersonKey]:
        """What the key table knows of each person of one tenant (a forum), in no particular order: one read
        of the tenant's index. A person without a key never had a sealed value written (their data, if any, is
        in clear); a key with `forgotten_at` was destroyed."""
        mark = self._sql.mark
        rows = self._fetch(f"SELECT person_id, tenant_id, created_at, forgotten_at FROM person_keys "
                           f"WHERE tenant_id = {mark}", (tenant_id,))
        return [PersonKey(*row) for row in rows]

    def shred(self) -> bool:
        """After a forget: leave no earlier copy of a destroyed key in the database's files. On SQLite, the
        write-ahead log is checkpointed into the main file and truncated to nothing (the page that held the key
        was rewritten with its bytes zeroed: `secure_delete`). True when that completed; False when a reader
        kept the log busy (the next checkpoint finishes it). PostgreSQL: nothing to do here (a `pg_dump` never
        holds a row's earlier versions; the server's own files are the operator's: see docs/operations.md)."""
        if self._postgres:
            return True
        with self.engine.connect() as conn:
            busy, _frames, _done = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        return bool(busy == 0)

    def head(self, *, conn: Connection | None = None) -> Head:
        """The last position and its hash. With `conn`, it is read on that connection, inside its transaction
        (begun by the read if none was): a reader that then reads something else on it sees the same snapshot
        (SQLite) the head was read in."""
        rows = self._fetch(self._sql.head, ()) if conn is None else conn.exec_driver_sql(self._sql.head).all()
        return Head(rows[0][0], rows[0][1]) if rows else Head(0, GENESIS_HASH)

    def _fetch(self, sql: str, params: Sequence[Any]) -> Sequence[Any]:
        """Run one read statement on the driver's cursor of a pooled connection; return all rows.

        The statement is its own transaction (SQLite's connections are in autocommit mode already): on
        PostgreSQL the driver would otherwise send a `BEGIN` before it and the pool a `ROLLBACK` when the
        connection goes back, two more round trips to the server than the pool's ping and the statement
        (measured: loading one stream about 1.0 -> 0.5-0.7 ms on loopback).
        """
        with self.engine.connect() as conn:
            raw = dbapi_connection(conn)
            if self._postgres:
                raw.autocommit = True  # psycopg's Connection, idle: the pool hands connections back rolled back
            try:
                cursor = raw.cursor()
                try:
                    cursor.execute(sql, params)
                    return cursor.fetchall()
                finally:
                    cursor.close()
            finally:
                if self._postgres and not raw.closed:
                    raw.autocommit = False

    def _decode_rows(self, rows: Sequence[Sequence[Any]]) -> list[RecordedEvent]:
        """Stored rows as RecordedEvents, their sealed personal values opened with one key lookup for all."""
        decode = self._decode
        events = [decode(row) for row in rows]
        personal = self._personal
        if not personal:
            return events
        sealed: list[int] = []
        people: set[str] = set()
        for index, event in enumerate(events):
            specs = personal.get(event.type)
            if specs:
                found = sealed_people(event.data, specs)
                if found:
                    sealed.append(index)
                    people |= found
        if not sealed:
            return events
        ciphers = self.ciphers(people)
        for index in sealed:
            event = events[index]
            events[index] = event._replace(data=open_sealed(event.data, personal[event.type], ciphers, self.keyring))
        return events

    def ciphers(self, people: Iterable[str]) -> dict[str, Any]:
        """The current cipher of each person (absent: forgotten, or no keyring to open it with)."""
        keyring = self.keyring
        if keyring is None:
            return {}
        people = sorted(people)
        found: dict[str, Any] = {}
        mark = self._sql.mark
        for start in range(0, len(people), 500):
            chunk = people[start:start + 500]
            rows = self._fetch(f"SELECT person_id, wrapped_key FROM person_keys WHERE person_id IN "
                               f"({', '.join([mark] * len(chunk))}) AND wrapped_key IS NOT NULL", chunk)
            for person_id, wrapped in rows:
                found[person_id] = keyring.unwrap(person_id, wrapped)
        return found

    def _decode(self, row: Sequence[Any]) -> RecordedEvent:
        """A stored row as a RecordedEvent, its data upcast to the current version."""
        (position, event_id, stream_id, stream_version, tenant_id, type_, schema_version, data_text,
         occurred_at, recorded_at, recorded_by, correlation_id, causation_id, hash_) = row
        data = _loads(data_text)
        if self._versions.get(type_) != schema_version:
            data = self.registry.upcast(type_, schema_version, data)
        return _Recorded(
            position, event_id, stream_id, stream_version, tenant_id, type_, schema_version, data,
            _instant(occurred_at), _instant(recorded_at), recorded_by, correlation_id, causation_id, hash_,
        )


def _rolled_back(appender: _Appender) -> bool:
    """Undo the appender's transaction; True when that worked (its connection may serve again)."""
    try:
        appender.rollback()
    except Exception:
        return False
    return True


class _AppendConnections:
    """SQLite connections kept for appends between appends, one set an engine (`of`), shared by the stores on it:
    taken from the engine's pool once and detached from it (so they do not count against its size), each used
    by one append at a time, closed when the engine is disposed. A process that finds connections its parent
    made (after a fork) leaves them alone and makes its own. At most KEEP are kept; a connection an append could
    not roll back is closed, never kept."""

    KEEP = 4
    _of_engine: weakref.WeakKeyDictionary[Engine, _AppendConnections] = weakref.WeakKeyDictionary()
    _of_engine_lock = threading.Lock()

    @classmethod
    def of(cls, engine: Engine) -> _AppendConnections:
        """The engine's set, made on first use (a store made for a while, as the demo's writer is, adds none)."""
        with cls._of_engine_lock:
            found = cls._of_engine.get(engine)
            if found is None:
                found = cls._of_engine[engine] = cls(engine)
            return found

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._idle: list[DBAPIConnection] = []
        self._pid = os.getpid()
        sqlalchemy_event.listen(engine, "engine_disposed", lambda _engine: self.close())

    def take(self) -> tuple[DBAPIConnection, Callable[[bool], None]]:
        """An idle connection (or a new one), and the function that gives it back after the append."""
        if os.getpid() != self._pid:  # forked: the parent's connections are the parent's
            self._idle, self._pid = [], os.getpid()
        try:
            raw = self._idle.pop()
        except IndexError:
            fairy = self._engine.raw_connection()
            made = fairy.dbapi_connection
            assert made is not None, "a checked-out connection has its driver's connection"
            fairy.detach()
            raw = made
        return raw, lambda fit: self._give_back(raw, fit)

    def _give_back(self, raw: DBAPIConnection, fit: bool) -> None:
        if fit and len(self._idle) < self.KEEP and os.getpid() == self._pid:
            self._idle.append(raw)
        else:
            raw.close()

    def close(self) -> None:
        """Close the idle connections (the engine's dispose does)."""
        idle, self._idle = self._idle, []
        for raw in idle:
            raw.close()


class _Appender:
    """The append path on the driver's connection, inside one transaction (see EventStore.append and
    AppendTransaction). `locked`: the transaction is open and holds the append lock already; if not, the first
    append begins it and takes the lock (SQLite: `BEGIN IMMEDIATE`; PostgreSQL, in the caller's pipeline:
    `LOCK TABLE`, sent with the read of the stream's state and the head, one round trip)."""

    def __init__(self, store: EventStore, raw: DBAPIConnection, *, locked: bool) -> None:
        self._store = store
        self._raw = raw
        self._locked = locked
        self._head: Head | None = None
        self._dbapi_cursor: DBAPICursor | None = None
        self._ciphers: dict[str, Any] = {}
        #: The last stream version an insert was sent for (what a refused insert is reported against).
        self.attempted = 0

    def _cursor(self) -> DBAPICursor:
        # The driver's own cursor, inside the transaction on this connection.
        if self._dbapi_cursor is None:
            self._dbapi_cursor = self._raw.cursor()
        return self._dbapi_cursor

    def rollback(self) -> None:
        """Undo the transaction (nothing to undo when none was begun)."""
        self._raw.rollback()

    def _state(self, stream_id: str) -> tuple[int, str | None]:
        """The stream's version and tenant (0 and None when it does not exist), and the head read into
        `_head` if this transaction has not read it yet; the first call takes the lock when it is not held."""
        sql = self._store._sql
        cursor = self._cursor()
        if self._head is not None:
            cursor.execute(sql.stream_state, (stream_id,))
            row = cursor.fetchone()
            return (row[0], row[1]) if row else (0, None)
        if self._locked:
            cursor.execute(sql.state_and_head, (stream_id,))
            row = cursor.fetchone()
        elif self._store._postgres:  # in the caller's pipeline: the fetch sends BEGIN, the lock and the read
            self._locked = True
            cursor.execute("LOCK TABLE events IN EXCLUSIVE MODE")
            cursor.execute(sql.state_and_head, (stream_id,))
            row = cursor.fetchone()
        else:
            self._locked = True
            cursor.execute("BEGIN IMMEDIATE")
            cursor.execute(sql.state_and_head, (stream_id,))
            row = cursor.fetchone()
        if row is None:  # an empty log
            self._head = Head(0, GENESIS_HASH)
            return 0, None
        self._head = Head(row[2], row[3])
        return (row[0] or 0), row[1]

    def append(
        self,
        stream_id: str,
        events: Sequence[NewEvent],
        expected_version: int | None,
        metadata: Metadata,
        *,
        tenant_id: str,
    ) -> list[RecordedEvent]:
        """Append to one stream within this transaction; see EventStore.append."""
        if not events:
            return []
        store = self._store
        version, owner = self._state(stream_id)
        if expected_version is not None and version != expected_version:
            raise ConcurrencyError(stream_id, expected_version, version)
        if owner is not None and owner != tenant_id:
            raise TenantMismatch(f"stream {stream_id!r} belongs to tenant {owner!r}, not {tenant_id!r}")
        assert self._head is not None, "_state reads the head"
        position, previous = self._head

        registry = store.registry
        personal = store._personal
        recorded_moment = store.clock().astimezone(UTC)
        recorded_at = format_instant(recorded_moment)
        ids = new_ids(len(events) + 1)
        correlation_id = metadata.correlation_id or ids[-1]
        actor = metadata.actor
        causation_id = metadata.causation_id
        metadata_text = canonical_json(metadata.extra)
        chain = CommandChain(stream_id, tenant_id, recorded_at, actor, correlation_id, causation_id, metadata_text)
        link = chain.hash
        rows: list[tuple[Any, ...]] = []
        recorded: list[RecordedEvent] = []
        # Per event class of the command: its stored name, version and personal data, once it is found declared.
        declared: dict[type[DomainEvent], tuple[str, int, tuple[Personal, ...] | None]] = {}
        occurred_text: dict[datetime, tuple[str, datetime]] = {}
        for new, event_id in zip(events, ids, strict=False):
            payload = new.payload
            kind = type(payload)
            known = declared.get(kind)
            if known is None:
                type_ = payload.type_name()
                if registry.versions.get(type_) is None or registry.class_for(type_) is not kind:
                    raise UnknownEventType(f"event type {type_!r} is not declared in the store's registry")
                known = declared[kind] = (type_, payload.VERSION, personal.get(type_))
            type_, schema_version, specs = known
            position += 1
            version += 1
            data = payload.to_data()
            if specs:
                if store.keyring is None:
                    raise PersonalDataInClear(
                        f"{type_} carries personal data and this store has no keyring to seal it with")
                data_text = canonical_json(seal(data, specs, store.keyring,
                                                lambda person: self._cipher(person, tenant_id)))
            else:
                data_text = canonical_json(data)
            occurred = new.occurred_at
            if occurred not in occurred_text:  # a command's events mostly share one instant
                occurred_text[occurred] = (format_instant(occurred), occurred.astimezone(UTC))
            occurred_at, occurred_utc = occurred_text[occurred]
            previous = link(previous, position, event_id, version, type_, schema_version, data_text, occurred_at)
            rows.append((  # in EVENT_COLUMNS order, the insert's
                position, event_id, stream_id, version, tenant_id, type_, schema_version, data_text,
                occurred_at, recorded_at, actor, correlation_id, causation_id, metadata_text, previous,
            ))
            recorded.append(_Recorded(
                position, event_id, stream_id, version, tenant_id, type_, schema_version, data,
                occurred_utc, recorded_moment, actor, correlation_id, causation_id, previous,
            ))
        self.attempted = version
        try:
            self._cursor().executemany(store._sql.insert, rows)
        except store._integrity_errors as exc:  # a backstop: under the lock no writer gets here
            raise ConcurrencyError(stream_id, expected_version, version) from exc
        self._head = Head(position, previous)
        return recorded

    def _cipher(self, person_id: str, tenant_id: str) -> Any:
        """The person's cipher for sealing, their key made (in this transaction) on first use; None once they
        are forgotten."""
        if person_id in self._ciphers:
            return self._ciphers[person_id]
        keyring = self._store.keyring
        assert keyring is not None, "append refuses personal data before it asks for a cipher when there is no keyring"
        mark = self._store._sql.mark
        cursor = self._cursor()
        cursor.execute(f"SELECT wrapped_key FROM person_keys WHERE person_id = {mark}", (person_id,))
        row = cursor.fetchone()
        if row is None:
            wrapped = keyring.new_wrapped_key(person_id)
            cursor.execute(f"INSERT INTO person_keys (person_id, tenant_id, wrapped_key, created_at) "
                           f"VALUES ({mark}, {mark}, {mark}, {mark})",
                           (person_id, tenant_id, wrapped, format_instant(self._store.clock())))
        else:
            wrapped = row[0]
        cipher = None if wrapped is None else keyring.unwrap(person_id, wrapped)
        self._ciphers[person_id] = cipher
        return cipher


class AppendTransaction(_Appender):
    """Appends inside one transaction that already holds the append lock (see EventStore.transaction)."""

    def __init__(self, store: EventStore, conn: Connection) -> None:
        super().__init__(store, dbapi_connection(conn), locked=True)
        self.connection = conn

    def forget(self, person_id: str) -> bool:
        """Destroy the person's key for good, in this transaction: their sealed values read as forgotten from
        the commit on, in every process. False when the person has no key, or it is already destroyed."""
        mark = self._store._sql.mark
        cursor = self._cursor()
        if not self._store._postgres:  # the key's bytes zeroed where they stood, not left in the page's free space
            cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute(f"UPDATE person_keys SET wrapped_key = NULL, forgotten_at = {mark} "
                       f"WHERE person_id = {mark} AND wrapped_key IS NOT NULL",
                       (format_instant(self._store.clock()), person_id))
        self._ciphers[person_id] = None
        self._store.tenant_cache.clear()
        return cursor.rowcount == 1


@dataclass(frozen=True)
class _HotSql:
    """The hot statements as driver SQL, run on the driver's cursor: measured (bench/event_store.py), Core's
    per-statement execution context cost about 35 microseconds a statement, more than SQLite's own work for a
    10-event command."""

    mark: str
    stream_state: str
    head: str
    state_and_head: str
    insert: str
    read_stream: str

    @classmethod
    def for_dialect(cls, paramstyle: str) -> _HotSql:
        mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}[paramstyle]
        return cls(
            mark=mark,
            read_stream=f"SELECT {_SELECT} FROM events WHERE stream_id = {mark} AND stream_version > {mark} "
                        "ORDER BY stream_version",
            stream_state=f"SELECT stream_version, tenant_id FROM events WHERE stream_id = {mark} "
                         "ORDER BY stream_version DESC LIMIT 1",
            head="SELECT position, hash FROM events ORDER BY position DESC LIMIT 1",
            # One statement, one round trip: the stream's last version and tenant (NULL for a new stream)
            # beside the head; no row when the log is empty.
            state_and_head="SELECT s.stream_version, s.tenant_id, h.position, h.hash FROM "
                           "(SELECT position, hash FROM events ORDER BY position DESC LIMIT 1) h LEFT JOIN "
                           f"(SELECT stream_version, tenant_id FROM events WHERE stream_id = {mark} "
                           "ORDER BY stream_version DESC LIMIT 1) s ON 1 = 1",
            insert=f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
                   f"VALUES ({', '.join([mark] * len(EVENT_COLUMNS))})",
        )
