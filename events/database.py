"""Engines for the event store: SQLite (embedded default) and PostgreSQL (production).

SQLite gets a WAL journal, a busy timeout, and transactions that begin as the caller asks:
`BEGIN IMMEDIATE` for appends (take the write lock up front, so two processes queue instead of
deadlocking on a lock upgrade), plain `BEGIN` for reads.
"""
from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from events.fastjson import json_dumps, json_loads

SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalize_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` URLs and use the psycopg 3 driver for them."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def make_engine(url: str, *, sqlite_synchronous: str = "FULL", **kwargs: Any) -> Engine:
    """An engine configured for the event store on SQLite or PostgreSQL. `sqlite_synchronous` is SQLite's
    durability (OFF, NORMAL, FULL or EXTRA): the application passes TRACKER_SQLITE_SYNCHRONOUS, read by config.py."""
    url = normalize_url(url)
    parsed = make_url(url)
    kwargs.setdefault("json_serializer", json_dumps)  # the read models' JSON columns
    kwargs.setdefault("json_deserializer", json_loads)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
        if parsed.database and parsed.database != ":memory:":
            _make_folder_on_connect(engine, os.path.dirname(os.path.abspath(parsed.database)))
        _configure_sqlite(engine, sqlite_synchronous)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, **kwargs)


def _make_folder_on_connect(engine: Engine, folder: str) -> None:
    """Create the SQLite file's folder when a connection first needs it, not when the engine is built: a
    command that finds no database leaves nothing behind."""

    @event.listens_for(engine, "do_connect")
    def _make_folder(*_args: Any) -> None:
        os.makedirs(folder, exist_ok=True)


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"unknown SQLite synchronous mode {synchronous!r}")

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take over transaction control from the sqlite3 module, so BEGIN is ours to emit.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA synchronous={synchronous.upper()}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


def is_postgresql(engine: Engine) -> bool:
    """True when the engine talks to PostgreSQL."""
    return engine.dialect.name == "postgresql"
