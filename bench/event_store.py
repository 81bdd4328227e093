"""Event store benchmark: appends and reads against the floor of plain SQLAlchemy Core inserts.

    python bench/event_store.py [--commands 10000] [--per-command 10] [--postgres URL] [--synchronous FULL]

Appends COMMANDS commands of PER_COMMAND events each (hash chain, version check and all) to a fresh
SQLite file in WAL mode, then the same rows as plain 10-row transactions into a bare table of the same
shape on the same engine (the floor), then reads everything back and decodes it. With --postgres (or
TRACKER_TEST_POSTGRES_URL set) the same runs on PostgreSQL in a scratch schema. Prints a table.
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


def command(i: int, per: int) -> list[NewEvent]:
    return [NewEvent(ContributionReceived(f"c-{i}-{k}", TEXT, "web_form", "2026-05-04"), WHEN)
            for k in range(per)]


def bench_append(store: EventStore, commands: int, per: int) -> float:
    batches = [command(i, per) for i in range(commands)]
    start = time.perf_counter()
    for i, batch in enumerate(batches):
        store.append(f"stream-{i}", batch, 0, META, tenant_id=f"forum-{i % 50}")
    return commands * per / (time.perf_counter() - start)


def bench_floor(engine, commands: int, per: int) -> float:
    """The same rows as plain executemany inserts, one 10-row transaction each, into a bare table of the
    same shape (the same columns, keys and indexes; no triggers, no chain, no version check)."""
    floor = Table("floor_events", MetaData(),
                  *[Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
                    for c in events_table.columns],
                  UniqueConstraint("stream_id", "stream_version"),
                  Index("ix_floor_tenant_position", "tenant_id", "position"),
                  Index("ix_floor_type_position", "type", "position"))
    floor.create(engine)
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
    start = time.perf_counter()
    for rows in batches:
        with engine.connect() as conn:
            conn = conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                conn.execute(floor.insert(), rows)
    return position / (time.perf_counter() - start)


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


def run(label: str, url: str, commands: int, per: int, synchronous: str) -> dict[str, object]:
    engine = make_engine(url, sqlite_synchronous=synchronous)
    upgrade(engine)
    store = EventStore(engine, registry)
    append = bench_append(store, commands, per)
    floor = bench_floor(engine, commands, per)
    read, n = bench_read(store)
    load_ms = statistics.median(bench_stream_load(store, commands) for _ in range(3))
    engine.dispose()
    return {"engine": label, "events": n, "append": append, "floor": floor, "ratio": append / floor,
            "read": read, "load_ms": load_ms}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commands", type=int, default=10_000)
    parser.add_argument("--per-command", type=int, default=10)
    parser.add_argument("--synchronous", default="FULL", help="SQLite synchronous mode (FULL or NORMAL)")
    parser.add_argument("--postgres", default=os.environ.get("TRACKER_TEST_POSTGRES_URL"))
    args = parser.parse_args()

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        results.append(run(f"SQLite WAL sync={args.synchronous}", f"sqlite:///{tmp}/bench.db",
                           args.commands, args.per_command, args.synchronous))
    if args.postgres:
        base = normalize_url(args.postgres)
        schema = f"bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        try:
            sep = "&" if "?" in base else "?"
            results.append(run("PostgreSQL", f"{base}{sep}options={quote(f'-csearch_path={schema}')}",
                               args.commands, args.per_command, args.synchronous))
        finally:
            with admin.connect() as conn:
                conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))

    print(f"\n{args.commands} commands x {args.per_command} events")
    print(f"{'engine':<26} {'events':>8} {'append ev/s':>12} {'floor ev/s':>11} {'ratio':>6} "
          f"{'read ev/s':>10} {'load 1 stream':>14}")
    for r in results:
        print(f"{r['engine']:<26} {r['events']:>8} {r['append']:>12,.0f} {r['floor']:>11,.0f} "
              f"{r['ratio']:>6.2f} {r['read']:>10,.0f} {r['load_ms']:>11.3f} ms")


if __name__ == "__main__":
    main()
