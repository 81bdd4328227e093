"""The event store's contract, on SQLite and on PostgreSQL."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from events import (
    ConcurrencyError,
    DomainEvent,
    EventRegistry,
    EventStore,
    Metadata,
    NewEvent,
    RecordedEvent,
    TenantMismatch,
    UnknownEventType,
)
from events.schema import RECORDED_COLUMNS
from tests.events.toy_events import WHEN, ThingHappened, ThingRenamed, happened, registry


@dataclass(frozen=True)
class ThingCounted(DomainEvent):
    """A third type, so that two of three are "most types"."""

    count: int

ANA = Metadata(actor="ana@cajamarca.gob.pe")


@pytest.fixture
def store(engine, clock) -> EventStore:
    return EventStore(engine, registry, clock=clock)


def count(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM events")).scalar()


def test_appended_events_read_back_with_their_envelope(store, clock):
    """Given an empty log, when a command appends two events, then both read back with both times."""
    meta = Metadata(actor="ana@cajamarca.gob.pe", correlation_id="c0ffee00-0000-4000-8000-000000000001",
                    causation_id="c0ffee00-0000-4000-8000-000000000002")
    written = store.append("thing-1", [happened("a", 1), NewEvent(ThingRenamed(name="b"), WHEN)], 0, meta,
                           tenant_id="forum-1")

    read = store.read_stream("thing-1")
    assert read == written
    first, second = read
    assert (first.position, first.stream_version, second.position, second.stream_version) == (1, 1, 2, 2)
    assert first.type == "ThingHappened" and first.schema_version == 1
    assert first.data == {"name": "a", "count": 1}
    assert first.occurred_at == WHEN
    assert first.recorded_at == clock.now
    assert first.recorded_by == "ana@cajamarca.gob.pe"
    assert first.tenant_id == "forum-1"
    assert first.correlation_id == second.correlation_id == meta.correlation_id
    assert first.causation_id == meta.causation_id
    assert registry.load(first.type, first.data) == ThingHappened(name="a", count=1)
    assert store.head() == (2, second.hash)


def test_a_stale_expected_version_is_a_conflict_and_writes_nothing(store, engine):
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")

    with pytest.raises(ConcurrencyError) as caught:
        store.append("thing-1", [happened(), happened()], 0, ANA, tenant_id="forum-1")

    assert (caught.value.expected, caught.value.actual) == (0, 1)
    assert count(engine) == 1
    with pytest.raises(ConcurrencyError):  # ahead of the stream is as wrong as behind it
        store.append("thing-1", [happened()], 5, ANA, tenant_id="forum-1")
    assert count(engine) == 1


def test_no_expected_version_appends_at_the_end(store):
    store.append("thing-1", [happened()], None, ANA, tenant_id="forum-1")
    store.append("thing-1", [happened()], None, ANA, tenant_id="forum-1")
    assert [e.stream_version for e in store.read_stream("thing-1")] == [1, 2]
    assert store.stream_version("thing-1") == 2
    assert store.stream_version("no-such-stream") == 0


def test_a_command_is_all_or_nothing(store, engine):
    """When one event of a command cannot be stored, none of the command's events are."""

    @dataclass(frozen=True)
    class Undeclared(DomainEvent):
        """Not in the registry."""

        x: int

    with pytest.raises(UnknownEventType):
        store.append("thing-1", [happened(), NewEvent(Undeclared(x=1), WHEN)], 0, ANA, tenant_id="forum-1")
    assert count(engine) == 0

    with store.transaction() as tx:  # several streams in one transaction commit together ...
        tx.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
        tx.append("thing-2", [happened()], 0, ANA, tenant_id="forum-1")
    assert count(engine) == 2
    with pytest.raises(ConcurrencyError):  # ... and roll back together
        with store.transaction() as tx:
            tx.append("thing-3", [happened()], 0, ANA, tenant_id="forum-1")
            tx.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    assert count(engine) == 2


def test_an_instant_without_timezone_is_refused(store, engine):
    with pytest.raises(ValueError):
        store.append("t", [happened(when=datetime(2026, 1, 1))], 0, ANA, tenant_id="forum-1")
    assert count(engine) == 0


def test_a_stream_belongs_to_one_tenant(store, engine):
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    with pytest.raises(TenantMismatch):
        store.append("thing-1", [happened()], 1, ANA, tenant_id="forum-2")
    assert count(engine) == 1


def test_read_all_filters_by_tenant_stream_and_type_and_pages_in_order(store):
    for i in range(7):
        tenant = "forum-a" if i % 2 == 0 else "forum-b"
        store.append(f"thing-{i}", [happened(str(i)), NewEvent(ThingRenamed(name=f"r{i}"), WHEN)], 0, ANA,
                     tenant_id=tenant)

    everything = list(store.read_all(page_size=3))
    assert [e.position for e in everything] == list(range(1, 15))
    assert [e.position for e in store.read_all(after=10, page_size=2)] == [11, 12, 13, 14]
    assert [e.position for e in store.read_all(after=2, limit=5, page_size=2)] == [3, 4, 5, 6, 7]
    assert {e.tenant_id for e in store.read_all(tenant_id="forum-b")} == {"forum-b"}
    assert len(list(store.read_all(tenant_id="forum-b"))) == 6
    assert [e.data["name"] for e in store.read_all(types=["ThingRenamed"], tenant_id="forum-a")] == [
        "r0", "r2", "r4", "r6"]
    assert [e.stream_version for e in store.read_all(stream_id="thing-3")] == [1, 2]


@pytest.mark.parametrize("page_size", [1, 2, 3, 100])
def test_read_all_of_most_types_skips_the_others_in_order_paging_and_limit_as_asked(engine, clock, page_size):
    """Asked for most of the registry's types (as a rebuild asks), the store reads in position order and skips
    the others itself: the same events, pages and limits as a filter would give."""
    three = EventRegistry()
    for cls in (ThingHappened, ThingRenamed, ThingCounted):
        three.register(cls)
    store = EventStore(engine, three, clock=clock)
    for i in range(6):
        store.append(f"thing-{i}", [happened(str(i)), NewEvent(ThingCounted(count=i), WHEN),
                                    NewEvent(ThingRenamed(name=f"r{i}"), WHEN)], 0, ANA, tenant_id="forum-a")
    wanted = ["ThingCounted", "ThingRenamed"]
    expected = [e.position for e in store.read_all() if e.type in wanted]
    assert [e.position for e in store.read_all(types=wanted, page_size=page_size)] == expected
    assert [e.position for e in store.read_all(types=wanted, limit=5, page_size=page_size)] == expected[:5]
    assert [e.position for e in store.read_all(after=7, types=wanted, limit=3, page_size=page_size)] == [
        p for p in expected if p > 7][:3]


def test_old_versions_are_upcast_when_read(engine, clock):
    """Given events stored at version 1, when the code declares version 2, they read as version 2."""
    EventStore(engine, registry, clock=clock).append("thing-1", [happened("old", 3)], 0, ANA,
                                                      tenant_id="forum-1")
    newer = EventRegistry()

    @newer.register
    @dataclass(frozen=True)
    class ThingHappened(DomainEvent):
        """Something happened to a thing (now with a unit)."""

        VERSION: ClassVar[int] = 2
        name: str
        count: int
        unit: str

    @newer.upcaster("ThingHappened", from_version=1)
    def _add_unit(data):
        return {**data, "unit": "pieces"}

    (event,) = EventStore(engine, newer).read_stream("thing-1")
    assert event.schema_version == 1  # as stored
    assert event.data == {"name": "old", "count": 3, "unit": "pieces"}
    assert newer.load(event.type, event.data).unit == "pieces"


def test_an_unknown_stored_type_or_version_is_a_clear_error(engine, store):
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    with pytest.raises(UnknownEventType, match="ThingHappened"):
        list(EventStore(engine, EventRegistry()).read_all())

    older = EventRegistry()

    @older.register
    @dataclass(frozen=True)
    class ThingHappened(DomainEvent):
        """An older code base that knows only version 0 of nothing."""

        VERSION: ClassVar[int] = 0
        name: str

    with pytest.raises(UnknownEventType, match="version 1 is not known"):
        list(EventStore(engine, older).read_all())


@pytest.mark.parametrize("statement", [
    "UPDATE events SET data = '{}' WHERE position = 1",
    "DELETE FROM events WHERE position = 1",
])
def test_the_database_refuses_to_change_or_delete_an_event(store, engine, statement):
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    with pytest.raises(DBAPIError, match="immutable"):
        with engine.begin() as conn:
            conn.execute(text(statement))
    assert store.read_stream("thing-1")[0].data == {"name": "thing", "count": 0}


def test_two_concurrent_appends_at_the_same_version_exactly_one_wins(store, engine):
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def writer(name: str) -> None:
        barrier.wait()
        try:
            store.append("thing-1", [happened(name), happened(name)], 1, ANA, tenant_id="forum-1")
            outcomes.append("ok")
        except ConcurrencyError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "ok"]
    assert [e.stream_version for e in store.read_stream("thing-1")] == [1, 2, 3]
    assert count(engine) == 3


def test_a_tailing_reader_never_misses_an_event_committed_late(store):
    """Writer A takes position 1 and stays open; writer B tries to append; a reader tails the log.

    With a bare identity column B would commit position 2 first, the reader would move past it, and
    A's position 1 would appear behind the reader for ever. Here B waits for A, so the reader sees
    nothing until A commits, then A's event before B's.
    """
    a_appended = threading.Event()
    release_a = threading.Event()
    b_done = threading.Event()

    def writer_a() -> None:
        with store.transaction() as tx:
            tx.append("stream-a", [happened("a")], 0, ANA, tenant_id="forum-1")
            a_appended.set()
            release_a.wait(timeout=30)

    def writer_b() -> None:
        store.append("stream-b", [happened("b")], 0, ANA, tenant_id="forum-1")
        b_done.set()

    ta = threading.Thread(target=writer_a)
    ta.start()
    assert a_appended.wait(timeout=30)
    tb = threading.Thread(target=writer_b)
    tb.start()
    assert not b_done.wait(timeout=0.5), "B must queue behind A's open append"

    seen = list(store.read_all(after=0))
    checkpoint = seen[-1].position if seen else 0
    assert seen == []

    release_a.set()
    ta.join(timeout=30)
    tb.join(timeout=30)
    seen += list(store.read_all(after=checkpoint))
    assert [(e.position, e.data["name"]) for e in seen] == [(1, "a"), (2, "b")]


def test_a_read_selects_the_fields_of_a_recorded_event_in_their_order():
    """Are the columns every read selects (events.schema.RECORDED_COLUMNS) a RecordedEvent's fields, in order?"""
    assert RecordedEvent._fields == RECORDED_COLUMNS
