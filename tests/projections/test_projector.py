"""The projection framework: exactly once, resumable, rebuilt when its version changes, equal to a rebuild."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, select

from events import EventStore, Metadata, NewEvent
from projections import Projection, Projector
from tests.events.toy_events import WHEN, ThingRenamed, happened, registry

ANA = Metadata(actor="ana@example.org")


class Counts(Projection):
    """How many ThingHappened events each name had, and the sum of their counts."""

    name = "counts"
    version = 1
    handles = frozenset({"ThingHappened"})
    metadata = MetaData()
    table = Table("counts_by_name", metadata, Column("name", String(50), primary_key=True),
                  Column("events", Integer, nullable=False), Column("total", Integer, nullable=False))

    def __init__(self, crash_at: int | None = None) -> None:
        self.crash_at = crash_at

    def apply(self, conn, event):
        if self.crash_at is not None and event.position == self.crash_at:
            raise RuntimeError("the process died here")
        row = conn.execute(select(self.table).where(self.table.c.name == event.data["name"])).first()
        if row is None:
            conn.execute(self.table.insert().values(name=event.data["name"], events=1, total=event.data["count"]))
        else:
            conn.execute(self.table.update().where(self.table.c.name == row.name)
                         .values(events=row.events + 1, total=row.total + event.data["count"]))


def rows(engine):
    with engine.connect() as conn:
        return sorted(tuple(r) for r in conn.execute(select(Counts.table)))


@pytest.fixture
def store(engine, clock):
    return EventStore(engine, registry, clock=clock)


def write(store, n, start=0):
    for i in range(start, start + n):
        store.append(f"s{i}", [happened(f"n{i % 3}", i), happened(f"n{i % 5}", 1)], 0, ANA, tenant_id="f")


def test_catch_up_is_incremental_and_equals_a_rebuild(engine, store):
    projector = Projector(engine, store, [Counts()])
    assert projector.ensure_ready() == ["counts"]
    write(store, 30)
    assert projector.catch_up() == 60
    assert projector.catch_up() == 0  # exactly once: nothing new, nothing applied again
    write(store, 7, start=30)
    projector.catch_up()
    incremental = rows(engine)
    projector.rebuild("counts")
    assert rows(engine) == incremental
    assert sum(r[1] for r in incremental) == 74
    assert projector.checkpoint("counts") == (1, 74)


def test_a_crash_mid_batch_leaves_no_partial_rows_and_the_restart_catches_up(engine, store):
    write(store, 10)
    with pytest.raises(RuntimeError):
        Projector(engine, store, [Counts(crash_at=7)]).ensure_ready()
    assert Projector(engine, store, [Counts()]).checkpoint("counts") == (1, 0)
    Projector(engine, store, [Counts()]).catch_up()
    after_restart = rows(engine)
    Projector(engine, store, [Counts()]).rebuild("counts")
    assert rows(engine) == after_restart


def test_a_new_version_is_rebuilt_at_start_up(engine, store):
    write(store, 5)
    Projector(engine, store, [Counts()]).ensure_ready()

    class CountsV2(Counts):
        version = 2

    projector = Projector(engine, store, [CountsV2()])
    assert projector.ensure_ready() == ["counts"]
    assert projector.checkpoint("counts") == (2, 10)
    assert projector.ensure_ready() == []


def test_two_processes_catching_up_at_once_apply_each_event_once(engine, store):
    Projector(engine, store, [Counts()]).ensure_ready()
    write(store, 200)
    threads = [threading.Thread(target=Projector(engine, store, [Counts()]).catch_up) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sum(r[1] for r in rows(engine)) == 400


def renamed(store, n, start=0):
    """`n` commands of events Counts does not handle."""
    for i in range(start, start + n):
        store.append(f"r{i}", [NewEvent(ThingRenamed(name=f"r{i}"), WHEN)], 0, ANA, tenant_id="f")


def test_a_checkpoint_moves_to_the_end_of_what_was_read_also_past_events_of_other_types(engine, store):
    projector = Projector(engine, store, [Counts()])
    projector.ensure_ready()
    assert projector.checkpoint("counts") == (1, 0)  # an empty log
    write(store, 3)  # positions 1-6
    renamed(store, 4)  # 7-10: none of them Counts'
    assert projector.catch_up() == 6
    assert projector.checkpoint("counts") == (1, 10)  # the head, not 6: the next catch-up starts past the renames
    renamed(store, 2, start=4)  # 11-12
    projector.catch_up_all()  # after a write: every projection, also those it holds nothing for
    assert projector.checkpoint("counts") == (1, 12)
    assert projector.catch_up() == 0 and rows(engine) == [("n0", 2, 1), ("n1", 2, 2), ("n2", 2, 3)]


def test_a_rebuild_leaves_the_checkpoint_at_the_head_whatever_the_last_events_are(engine, store, monkeypatch):
    write(store, 3)
    renamed(store, 4)
    projector = Projector(engine, store, [Counts()])
    assert projector.rebuild("counts") == 6
    assert projector.checkpoint("counts") == (1, 10)
    from projections import projector as projector_module
    monkeypatch.setattr(projector_module, "REBUILD_BATCH", 3)  # full batches, then one that finds nothing
    assert projector.rebuild("counts") == 6
    assert projector.checkpoint("counts") == (1, 10)
