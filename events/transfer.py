"""Export and import of the whole log as JSON Lines: a backup that proves itself on the way back in.

The first line is a header; each further line is one stored event, `data` and `metadata` as JSON
objects. Import re-derives the stored text and the chain from the file, so an edited line is refused.

Since format version 2 the events are followed by the person keys (`{"person_key": {...}}`), still wrapped by
the master key: the backup reads nothing personal without it, and a person forgotten before the backup has no
key in it, so stays forgotten after any restore. Version 1 files (no keys) are still imported.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from sqlalchemy import Engine, func, select, text

from events.database import is_postgresql
from events.envelope import Head
from events.errors import ImportRefused
from events.hashing import canonical_json
from events.integrity import ChainChecker, stored_rows
from events.personal import Keyring, MasterKeyError
from events.schema import EVENT_COLUMNS
from events.schema import events_table as T
from events.schema import person_keys_table as K

FORMAT = "cocreation-tracker/events"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
BATCH = 2_000
_KEY_FIELDS: tuple[str, ...] = tuple(K.columns.keys())


def header_line() -> str:
    """An export's first line: the format and its version."""
    return json.dumps({"format": FORMAT, "version": FORMAT_VERSION}) + "\n"


def event_line(row: dict[str, Any]) -> str:
    """A stored row (`stored_rows`) as an export line: its columns in the table's order, `data` and `metadata`
    as JSON objects."""
    line = {**row, "data": json.loads(row["data"]), "metadata": json.loads(row["metadata"])}
    return json.dumps(line, ensure_ascii=True, separators=(",", ":")) + "\n"


def export_events(engine: Engine, out: IO[str]) -> Head:
    """Write the header and every event to `out`; return the head written."""
    out.write(header_line())
    head = Head(0, "0" * 64)
    for row in stored_rows(engine):
        out.write(event_line(row))
        head = Head(row["position"], row["hash"])
    with engine.connect() as conn:  # after the events: every key their sealed values need, unless forgotten since
        for key in conn.execute(text(f"SELECT {', '.join(_KEY_FIELDS)} FROM person_keys ORDER BY person_id")):
            out.write(json.dumps({"person_key": dict(key._mapping)}, separators=(",", ":")) + "\n")
    return head


def import_events(engine: Engine, lines: Iterable[str], keyring: Keyring | None = None) -> Head:
    """Load an export into an empty log, all or nothing; refuse a file whose chain does not verify, or (given
    the `keyring`) whose person keys do not open with its master key."""
    iterator = iter(lines)
    try:
        header = json.loads(next(iterator))
    except (StopIteration, ValueError):
        raise ImportRefused("the file is empty or its first line is not the export header") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ImportRefused(f"the first line does not name the format {FORMAT!r}")
    if header.get("version") not in READABLE_VERSIONS:
        raise ImportRefused(f"export format version {header.get('version')!r} is not supported")

    checker = ChainChecker()
    with engine.connect() as conn:
        conn = conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if is_postgresql(engine):
                conn.exec_driver_sql("LOCK TABLE events IN EXCLUSIVE MODE")
            if conn.execute(select(func.count()).select_from(T)).scalar():
                raise ImportRefused("the database already holds events: import only into an empty log")
            batch: list[dict[str, Any]] = []
            keys: list[dict[str, Any]] = []
            for number, line in enumerate(iterator, start=2):
                if not line.strip():
                    continue
                if line.startswith('{"person_key"'):
                    keys.append(_key(line, number, keyring))
                    continue
                row = _row(line, number)
                problem = checker.check(row)
                if problem:
                    raise ImportRefused(f"line {number} (position {row['position']}): {problem}")
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.execute(T.insert(), batch)
                    batch = []
            if batch:
                conn.execute(T.insert(), batch)
            if keys:
                conn.execute(K.insert(), keys)
        if is_postgresql(engine):
            # The planner's statistics of the new rows, as after any restore: until autovacuum got to them,
            # PostgreSQL planned reads of a large log as if it were empty (a sequential scan a stream read).
            conn.exec_driver_sql("ANALYZE events, person_keys")
            conn.commit()
    return checker.head


def _key(line: str, number: int, keyring: Keyring | None) -> dict[str, Any]:
    try:
        key = json.loads(line)["person_key"]
    except (ValueError, KeyError, TypeError):
        raise ImportRefused(f"line {number} is not a person key") from None
    if not isinstance(key, dict) or set(key) != set(_KEY_FIELDS):
        raise ImportRefused(f"line {number} does not have exactly the fields of a person key")
    if keyring is not None and key["wrapped_key"] is not None:
        try:
            keyring.unwrap(key["person_id"], key["wrapped_key"])
        except (MasterKeyError, ValueError) as exc:
            raise ImportRefused(f"line {number}: {exc}") from None
    return key


def _row(line: str, number: int) -> dict[str, Any]:
    try:
        raw = json.loads(line)
    except ValueError:
        raise ImportRefused(f"line {number} is not JSON") from None
    if not isinstance(raw, dict) or set(raw) != set(EVENT_COLUMNS):
        raise ImportRefused(f"line {number} does not have exactly the fields of a stored event")
    try:
        raw["data"] = canonical_json(raw["data"])
        raw["metadata"] = canonical_json(raw["metadata"])
    except ValueError as exc:
        raise ImportRefused(f"line {number}: {exc}") from None
    return raw
