"""Event store benchmark: appends and reads against the floor of plain SQLAlchemy Core inserts.

    python bench/event_store.py [--commands 10000] [--per-command 10] [--postgres URL] [--synchronous FULL]
                                [--compare]

Appends COMMANDS commands of PER_COMMAND events each (hash chain, version check and all) to a fresh
SQLite file in WAL mode and, taking turns with it block by block, the same rows as plain 10-row
transactions into a bare table of the same shape on the same engine (the floor; on SQLite in a file of
its own, as the library's); then reads everything
back and decodes it. With --compare, the eventsourcing library (the `bench` extra; bench/library.py says
how it is configured) saves aggregates of PER_COMMAND events in the same turns on the same engine, and
the table gets its rate, the store's rate over it and its time to load one aggregate. With --postgres
(or TRACKER_TEST_POSTGRES_URL set) the same runs on PostgreSQL in a scratch schema. Prints a table.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Column, Index, MetaData, Table, UniqueConstraint, create_engine, text

from events import DomainEvent, EventRegistry, EventStore, Metadata, NewEvent, make_engine, normalize_url
from events.hashing import canonical_json, format_instant
from events.schema import events_table
from tracker.database import upgrade

registry = EventRegistry()


@registry.register
@dataclass(frozen=True)
class ContributionReceived(DomainEvent):
    """A realistic payload: a contribution of a few sentences."""

    contribution_id: str
    text: str
    channel: str
    received_on: str


TEXT = ("Solicito que el compromiso sobre embarazo adolescente incluya también los colegios de varones, "
        "y que se publique el avance presupuestal cada trimestre.")
WHEN = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
META = Metadata(actor="secretaria@cajamarca.gob.pe")
#: Commands per block: the contenders take turns block by block.
BLOCK = 100
lib: Any = None  # bench/library.py, imported by --compare


def command(i: int, per: int) -> list[NewEvent]:
    return [NewEvent(ContributionReceived(f"c-{i}-{k}", TEXT, "web_form", "2026-05-04"), WHEN)
            for k in range(per)]


class Timer:
    """Seconds spent in the timed blocks of one contender."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def rate(self, events: int) -> float:
        return events / self.seconds


def store_block(store: EventStore, batches: list[list[NewEvent]], first: int, timer: Timer) -> None:
    """Append commands `first`... as the application does: one command, one transaction."""
    start = time.perf_counter()
    for i, batch in enumerate(batches, first):
        store.append(f"stream-{i}", batch, 0, META, tenant_id=f"forum-{i % 50}")
    timer.seconds += time.perf_counter() - start


def floor_table(engine) -> Table:
    """A bare table of the events' shape (the same columns, keys and indexes; no triggers)."""
    floor = Table("floor_events", MetaData(),
                  *[Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
                    for c in events_table.columns],
                  UniqueConstraint("stream_id", "stream_version"),
                  Index("ix_floor_tenant_position", "tenant_id", "position"))
    floor.create(engine)
    return floor


def floor_rows(commands: int, per: int) -> list[list[dict[str, object]]]:
    """The same rows as the store's, made up front: no chain, no version check."""
    now = format_instant(datetime.now(UTC))
    batches = []
    position = 0
    for i in range(commands):
        rows = []
        for k, new in enumerate(command(i, per)):
            position += 1
            rows.append({
                "position": position, "event_id": str(uuid.uuid4()), "stream_id": f"stream-{i}",
                "stream_version": k + 1, "tenant_id": f"forum-{i % 50}", "type": "ContributionReceived",
                "schema_version": 1, "data": canonical_json(new.payload.to_data()),
                "occurred_at": format_instant(new.occurred_at), "recorded_at": now, "recorded_by": META.actor,
                "correlation_id": str(uuid.uuid4()), "causation_id": None, "metadata": "{}", "hash": "0" * 64,
            })
        batches.append(rows)
    return batches


def floor_block(engine, floor: Table, batches: list[list[dict[str, object]]], timer: Timer) -> None:
    """Plain SQLAlchemy Core executemany inserts, one 10-row transaction each."""
    start = time.perf_counter()
    for rows in batches:
        with engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                conn.execute(floor.insert(), rows)
    timer.seconds += time.perf_counter() - start


def bench_read(store: EventStore) -> tuple[float, int]:
    start = time.perf_counter()
    n = 0
    for _ in store.read_all():
        n += 1
    return n / (time.perf_counter() - start), n


def bench_stream_load(store: EventStore, commands: int, tries: int = 2000) -> float:
    """Mean milliseconds to load one 10-event stream, streams chosen across the log."""
    ids = [f"stream-{(i * 7919) % commands}" for i in range(tries)]
    start = time.perf_counter()
    for sid in ids:
        store.read_stream(sid)
    return (time.perf_counter() - start) / tries * 1000


def run(label: str, url: str, commands: int, per: int, synchronous: str,
        library: Any = None, floor_url: str | None = None) -> dict[str, object]:
    """One engine: the store's appends, the floor's and (with `library`, a function making the library's
    Application) the library's saves, interleaved in blocks of BLOCK commands so that the machine's other work
    falls on each alike; then the reads. The floor's table is in its own database at `floor_url` when given (a
    SQLite file: sharing the store's write-ahead log, it would make the store's commits pay for the floor's
    checkpoints, as the library's own file does not)."""
    engine = make_engine(url, sqlite_synchronous=synchronous)
    upgrade(engine)
    store = EventStore(engine, registry)
    floor_engine = make_engine(floor_url, sqlite_synchronous=synchronous) if floor_url else engine
    floor = floor_table(floor_engine)
    batches = [command(i, per) for i in range(commands)]
    rows = floor_rows(commands, per)
    app = library() if library is not None else None
    made = lib.aggregates(commands, per, TEXT) if app is not None else []
    timers = {"store": Timer(), "floor": Timer()}
    lib_seconds = [0.0]
    for first in range(0, commands, BLOCK):
        store_block(store, batches[first:first + BLOCK], first, timers["store"])
        floor_block(floor_engine, floor, rows[first:first + BLOCK], timers["floor"])
        if app is not None:
            lib.save_block(app, made[first:first + BLOCK], lib_seconds)
    events = commands * per
    append, floor_rate = timers["store"].rate(events), timers["floor"].rate(events)
    read, n = bench_read(store)
    load = statistics.median(bench_stream_load(store, commands) for _ in range(3))
    result: dict[str, object] = {"engine": label, "events": n, "append": append, "floor": floor_rate,
                                 "ratio": append / floor_rate, "read": read, "load_ms": load}
    if app is not None:
        lib_load = statistics.median(lib.load_ms(app, made) for _ in range(3))
        result.update(lib_append=events / lib_seconds[0], lib_load_ms=lib_load,
                      settings=lib.sqlite_settings(app) if engine.dialect.name == "sqlite"
                      else lib.postgres_settings(app))
        app.close()
    result["store_settings"] = store_settings(engine)
    engine.dispose()
    floor_engine.dispose()
    return result


def store_settings(engine) -> str:
    """The durability the store ran with, as the engine reports it."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[conn.exec_driver_sql("PRAGMA synchronous").scalar()]
            return f"journal_mode={mode}, synchronous={sync}"
        return f"synchronous_commit={conn.exec_driver_sql('SHOW synchronous_commit').scalar()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commands", type=int, default=10_000)
    parser.add_argument("--per-command", type=int, default=10)
    parser.add_argument("--synchronous", default="FULL", help="SQLite synchronous mode (FULL or NORMAL)")
    parser.add_argument("--postgres", default=os.environ.get("TRACKER_TEST_POSTGRES_URL"))
    parser.add_argument("--compare", action="store_true",
                        help="also run the eventsourcing library (the bench extra) on each engine")
    args = parser.parse_args()
    global lib
    if args.compare:
        from bench import library as lib

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        library = (lambda: lib.sqlite_app(f"{tmp}/library.db", args.synchronous.upper())) if args.compare else None
        results.append(run(f"SQLite WAL sync={args.synchronous}", f"sqlite:///{tmp}/bench.db",
                           args.commands, args.per_command, args.synchronous, library, f"sqlite:///{tmp}/floor.db"))
    if args.postgres:
        base = normalize_url(args.postgres)
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            sep = "&" if "?" in base else "?"
            library = (lambda: lib.postgres_app(base, schema)) if args.compare else None
            results.append(run("PostgreSQL", f"{base}{sep}options={quote(f'-csearch_path={schema}')}",
                               args.commands, args.per_command, args.synchronous, library))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))

    print(f"\n{args.commands} commands x {args.per_command} events")
    header = (f"{'engine':<26} {'events':>8} {'append ev/s':>12} {'floor ev/s':>11} {'ratio':>6} "
              f"{'read ev/s':>10} {'load 1 stream':>14}")
    if args.compare:
        header += f" {'library ev/s':>13} {'store/library':>14} {'library load':>13}"
    print(header)
    for r in results:
        line = (f"{r['engine']:<26} {r['events']:>8} {r['append']:>12,.0f} {r['floor']:>11,.0f} "
                f"{r['ratio']:>6.2f} {r['read']:>10,.0f} {r['load_ms']:>11.3f} ms")
        if args.compare:
            line += (f" {r['lib_append']:>13,.0f} {r['append'] / r['lib_append']:>14.2f} "
                     f"{r['lib_load_ms']:>10.3f} ms")
        print(line)
    for r in results:
        print(f"{r['engine']}: store {r['store_settings']}"
              + (f"; library {r['settings']}" if args.compare else ""))


if __name__ == "__main__":
    main()
