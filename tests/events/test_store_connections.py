"""The connections the store works on. Appends: on SQLite the store's own, kept between appends outside the engine's
pool; on PostgreSQL the pool's. Whatever an append ends with, it leaves no transaction open and no lock held.
Reads: one statement each, its own transaction, on a pooled connection given back as the pool lent it."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, text

from events import ConcurrencyError, EventStore, Metadata, TenantMismatch
from events import store as store_module
from tests.events.toy_events import happened, registry

ANA = Metadata(actor="ana@cajamarca.gob.pe")


@pytest.fixture
def store(engine, clock) -> EventStore:
    return EventStore(engine, registry, clock=clock)


def connections_made(engine) -> list[object]:
    """The driver connections the engine makes from now on, in order."""
    made: list[object] = []
    event.listen(engine, "connect", lambda raw, _record: made.append(raw))
    return made


def another_writer_can_write(engine) -> bool:
    """Can a second connection take the write lock and write at once (nothing left locked)?"""
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL lock_timeout = '2s'"))
                conn.execute(text("LOCK TABLE events IN EXCLUSIVE MODE"))
            else:
                conn.execute(text("PRAGMA busy_timeout = 2000"))
            conn.execute(text("SELECT count(*) FROM events")).scalar()
    return True


def test_successive_appends_on_sqlite_share_one_connection_kept_out_of_the_pool(store, engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("on PostgreSQL appends take a pre-pinged connection from the pool")
    engine.dispose()
    made = connections_made(engine)
    checkouts: list[object] = []
    event.listen(engine, "checkout", lambda raw, _record, _proxy: checkouts.append(raw))
    for i in range(20):
        store.append(f"thing-{i}", [happened(str(i))], 0, ANA, tenant_id="forum-1")
    assert len(made) == 1 and len(checkouts) == 1  # one connection for twenty appends, taken from the pool once
    assert engine.pool.checkedout() == 0  # and not counted against the pool's size
    assert another_writer_can_write(engine)
    assert [e.position for e in store.read_all()] == list(range(1, 21))


def test_a_refused_append_leaves_no_transaction_open_and_the_next_append_works(store, engine):
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    with pytest.raises(ConcurrencyError):
        store.append("thing-1", [happened("late")], 0, ANA, tenant_id="forum-1")
    with pytest.raises(TenantMismatch):
        store.append("thing-1", [happened("elsewhere")], 1, ANA, tenant_id="forum-2")
    assert another_writer_can_write(engine)
    store.append("thing-1", [happened("next")], 1, ANA, tenant_id="forum-1")
    assert [e.data["name"] for e in store.read_stream("thing-1")] == ["thing", "next"]


def test_an_append_that_fails_midway_closes_its_connection_and_writes_nothing(store, engine, monkeypatch):
    if engine.dialect.name != "sqlite":
        pytest.skip("the SQLite store's own connections")
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    engine.dispose()
    made = connections_made(engine)

    def broken(*_args):
        raise MemoryError("the process ran out of memory while hashing")

    with monkeypatch.context() as patch:
        patch.setattr(store_module.CommandChain, "hash", broken)
        with pytest.raises(MemoryError):
            store.append("thing-2", [happened()], 0, ANA, tenant_id="forum-1")
    assert another_writer_can_write(engine)
    store.append("thing-2", [happened()], 0, ANA, tenant_id="forum-1")
    assert len(made) == 2  # the failed append's connection was not kept: the next one made its own
    assert [e.stream_id for e in store.read_all()] == ["thing-1", "thing-2"]


def test_a_forked_process_makes_its_own_connection_and_leaves_its_parents_alone(store, engine, monkeypatch):
    if engine.dialect.name != "sqlite":
        pytest.skip("the SQLite store's own connections")
    engine.dispose()
    made = connections_made(engine)
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    parents = made[0]
    real_getpid = store_module.os.getpid
    monkeypatch.setattr(store_module.os, "getpid", lambda: real_getpid() + 1)  # as a forked child sees it
    store.append("thing-2", [happened()], 0, ANA, tenant_id="forum-1")
    assert len(made) == 2 and made[1] is not parents
    assert parents.execute("SELECT count(*) FROM events").fetchone() == (2,)  # not closed by the child


def test_disposing_the_engine_closes_the_kept_connections(store, engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("the SQLite store's own connections")
    engine.dispose()
    made = connections_made(engine)
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    engine.dispose()
    with pytest.raises(Exception, match="closed"):
        made[0].execute("SELECT 1")
    store.append("thing-2", [happened()], 0, ANA, tenant_id="forum-1")  # and appends go on, on a new one
    assert len(made) == 2


def test_many_threads_appending_at_once_each_get_a_connection_and_positions_stay_gapless(store, engine):
    barrier = threading.Barrier(8)
    failures: list[BaseException] = []

    def writer(n: int) -> None:
        barrier.wait()
        try:
            for i in range(10):
                store.append(f"thing-{n}-{i}", [happened(), happened()], 0, ANA, tenant_id=f"forum-{n}")
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert failures == []
    assert [e.position for e in store.read_all()] == list(range(1, 161))
    assert engine.pool.checkedout() == 0


def test_a_read_gives_its_connection_back_to_the_pool_as_it_was_lent(store, engine):
    store.append("thing-1", [happened()], 0, ANA, tenant_id="forum-1")
    engine.dispose()
    assert [e.stream_id for e in store.read_stream("thing-1")] == ["thing-1"]
    with engine.connect() as conn:  # the same connection (the pool held one), as SQLAlchemy expects it
        raw = conn.connection.dbapi_connection
        if engine.dialect.name == "postgresql":
            assert raw.autocommit is False
            assert raw.info.transaction_status.name == "IDLE"
        with pytest.raises(Exception, match="(?i)no such table|does not exist"), conn.begin():
            conn.execute(text("CREATE TABLE scratch (n integer)"))  # a transaction is still one: all of it undone
            conn.execute(text("INSERT INTO no_such_table VALUES (1)"))
    with engine.connect() as conn:
        assert not conn.execute(text(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'scratch'"
            if engine.dialect.name == "postgresql" else
            "SELECT count(*) FROM sqlite_master WHERE name = 'scratch'")).scalar()


def test_stores_on_one_engine_share_its_kept_connections(engine, clock):
    if engine.dialect.name != "sqlite":
        pytest.skip("the SQLite store's own connections")
    engine.dispose()
    made = connections_made(engine)
    for i in range(10):  # as the demo does, a store made for a while, again and again
        EventStore(engine, registry, clock=clock).append(f"thing-{i}", [happened()], 0, ANA, tenant_id="forum-1")
    assert len(made) == 1


def test_an_in_memory_sqlite_store_appends_on_the_pools_connection_where_its_tables_are(clock):
    from events import make_engine
    from tracker.database import upgrade

    engine = make_engine("sqlite://")  # one database a connection: only the pool's connection has the tables
    upgrade(engine)
    store = EventStore(engine, registry, clock=clock)
    for i in range(3):
        store.append(f"thing-{i}", [happened(str(i))], 0, ANA, tenant_id="forum-1")
    assert [e.data["name"] for e in store.read_all()] == ["0", "1", "2"]
    engine.dispose()
