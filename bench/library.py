"""The eventsourcing library (9.5.6, the `bench` extra) on the same engine, for `bench/event_store.py --compare`.

One aggregate of PER_COMMAND events per command (the same payload as the store's), triggered up front; only
`Application.save` is timed, one save per aggregate (one transaction of PER_COMMAND events each), and loading
one aggregate (`repository.get`) the way the store's stream load is timed.

How the library is configured:
- SQLite: `PERSISTENCE_MODULE=eventsourcing.sqlite`, `SQLITE_DBNAME` a fresh file beside the store's,
  `SQLITE_LOCK_TIMEOUT=10` (the store's busy timeout). The library puts the file in WAL mode itself and leaves
  `synchronous` at SQLite's default, FULL; each connection it opens is given the store's `--synchronous` too
  (FULL by default) and the run reads both settings back from the library's own connection.
- PostgreSQL: `PERSISTENCE_MODULE=eventsourcing.postgres` with `POSTGRES_DBNAME`, `POSTGRES_HOST`,
  `POSTGRES_PORT`, `POSTGRES_USER`, `POSTGRES_PASSWORD` from the URL and `POSTGRES_SCHEMA` the store's scratch
  schema (its `stored_events` table beside the store's `events`); its defaults otherwise (no pre-ping, table lock
  in EXCLUSIVE mode, `synchronous_commit` as the server has it: on, read back by the run).
"""
from __future__ import annotations

import time
from typing import Any

from sqlalchemy import make_url

try:
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event
    from eventsourcing.sqlite import SQLiteConnectionPool
except ImportError as missing:  # pragma: no cover - a message, not a crash
    raise SystemExit("--compare needs the eventsourcing library: pip install -e '.[bench]'") from missing


class Contribution(Aggregate):
    """An aggregate whose events carry the store's bench payload."""

    @event("Received")
    def __init__(self, contribution_id: str, text: str, channel: str, received_on: str) -> None:
        self.received = [contribution_id]

    @event("Added")
    def add(self, contribution_id: str, text: str, channel: str, received_on: str) -> None:
        self.received.append(contribution_id)


def aggregates(commands: int, per: int, text: str) -> list[Contribution]:
    """One aggregate of `per` pending events per command."""
    made = []
    for i in range(commands):
        aggregate = Contribution(f"c-{i}-0", text, "web_form", "2026-05-04")
        for k in range(1, per):
            aggregate.add(f"c-{i}-{k}", text, "web_form", "2026-05-04")
        made.append(aggregate)
    return made


def sqlite_app(path: str, synchronous: str) -> Application:
    """The library on a SQLite file, WAL (its own choice) and `synchronous` as the store's."""
    create = SQLiteConnectionPool._create_connection

    def _create_connection(pool: SQLiteConnectionPool) -> Any:
        connection = create(pool)
        connection._sqlite_conn.execute(f"PRAGMA synchronous={synchronous}")
        return connection

    SQLiteConnectionPool._create_connection = _create_connection  # type: ignore[method-assign]
    return Application(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": path,
                            "SQLITE_LOCK_TIMEOUT": "10"})


def sqlite_settings(app: Application) -> str:
    """The journal mode and synchronous setting of the library's connection, as SQLite reports them."""
    with app.recorder.datastore.get_connection(commit=False) as conn:  # type: ignore[attr-defined]
        raw = conn._sqlite_conn
        mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
        sync = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}[raw.execute("PRAGMA synchronous").fetchone()[0]]
    return f"journal_mode={mode}, synchronous={sync}"


def postgres_app(url: str, schema: str) -> Application:
    """The library on the PostgreSQL server of `url`, in `schema`."""
    parsed = make_url(url)
    return Application(env={
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parsed.database or "postgres",
        "POSTGRES_HOST": parsed.host or "127.0.0.1",
        "POSTGRES_PORT": str(parsed.port or 5432),
        "POSTGRES_USER": parsed.username or "postgres",
        "POSTGRES_PASSWORD": parsed.password or "",
        "POSTGRES_SCHEMA": schema,
    })


def postgres_settings(app: Application) -> str:
    """The library connection's synchronous_commit, as the server reports it."""
    with app.recorder.datastore.get_connection() as conn, conn.cursor() as cursor:  # type: ignore[attr-defined]
        cursor.execute("SHOW synchronous_commit")
        row = cursor.fetchone()
    return f"synchronous_commit={row['synchronous_commit']}"


def save_block(app: Application, made: list[Contribution], seconds: list[float]) -> None:
    """Save each aggregate (one transaction each); add the time to `seconds[0]`."""
    start = time.perf_counter()
    for aggregate in made:
        app.save(aggregate)
    seconds[0] += time.perf_counter() - start


def load_ms(app: Application, made: list[Contribution], tries: int = 2000) -> float:
    """Mean milliseconds to load one aggregate, aggregates chosen across the log as the store's are."""
    ids = [made[(i * 7919) % len(made)].id for i in range(tries)]
    start = time.perf_counter()
    for aggregate_id in ids:
        app.repository.get(aggregate_id)
    return (time.perf_counter() - start) / tries * 1000
