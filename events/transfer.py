"""Export and import of the whole log as JSON Lines: a backup that proves itself on the way back in.

The first line is a header; each further line is one stored event, `data` and `metadata` as JSON
objects. Import re-derives the stored text and the chain from the file, so an edited line is refused.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from sqlalchemy import Engine, func, select

from events.database import is_postgresql
from events.envelope import Head
from events.errors import ImportRefused
from events.hashing import canonical_json
from events.integrity import ChainChecker, stored_rows
from events.schema import events_table as T

FORMAT = "cocreation-tracker/events"
FORMAT_VERSION = 1
BATCH = 2_000


def export_events(engine: Engine, out: IO[str]) -> Head:
    """Write the header and every event to `out`; return the head written."""
    out.write(json.dumps({"format": FORMAT, "version": FORMAT_VERSION}) + "\n")
    head = Head(0, "0" * 64)
    for row in stored_rows(engine):
        row["data"] = json.loads(row["data"])
        row["metadata"] = json.loads(row["metadata"])
        out.write(json.dumps(row, ensure_ascii=True, separators=(",", ":")) + "\n")
        head = Head(row["position"], row["hash"])
    return head


def import_events(engine: Engine, lines: Iterable[str]) -> Head:
    """Load an export into an empty log, all or nothing; refuse a file whose chain does not verify."""
    iterator = iter(lines)
    try:
        header = json.loads(next(iterator))
    except (StopIteration, ValueError):
        raise ImportRefused("the file is empty or its first line is not the export header") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise ImportRefused(f"the first line does not name the format {FORMAT!r}")
    if header.get("version") != FORMAT_VERSION:
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
            for number, line in enumerate(iterator, start=2):
                if not line.strip():
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
    return checker.head


_FIELDS = ("position", "event_id", "stream_id", "stream_version", "tenant_id", "type", "schema_version",
           "data", "occurred_at", "recorded_at", "recorded_by", "correlation_id", "causation_id",
           "metadata", "hash")


def _row(line: str, number: int) -> dict[str, Any]:
    try:
        raw = json.loads(line)
    except ValueError:
        raise ImportRefused(f"line {number} is not JSON") from None
    if not isinstance(raw, dict) or set(raw) != set(_FIELDS):
        raise ImportRefused(f"line {number} does not have exactly the fields of a stored event")
    try:
        raw["data"] = canonical_json(raw["data"])
        raw["metadata"] = canonical_json(raw["metadata"])
    except ValueError as exc:
        raise ImportRefused(f"line {number}: {exc}") from None
    return raw
