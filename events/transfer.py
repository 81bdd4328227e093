"""Export and import of the whole log as JSON Lines: a backup that proves itself on the way back in.

The first line is a header; each further line is one stored event, `data` and `metadata` as JSON
objects. Import re-derives the stored text and the chain from the file, so an edited line is refused.

Since format version 2 the events are followed by the person keys (`{"person_key": {...}}`), still wrapped by
the master key: the backup reads nothing personal without it, and a person forgotten before the backup has no
key in it, so stays forgotten after any restore. Version 1 files (no keys) are still imported.

An import checks more than the chain, each refusal naming the line, before anything is committed: every value
against its column as events/schema.py declares it (SQLite would store a 37-character correlation id; PostgreSQL
would not); each stream's versions following one another in one tenant; every event decoded, upcast, into a
declared type (what `tracker db upgrade` and every read will do with it); and the person keys against the log:
a person whose sealed values the events hold has a key line unless a `PersonForgotten` event names them, a key
line of a person so named is destroyed (null), a destroyed key is one only such an event explains, no key is
given twice or to two people, and (given the key ring) every key opens with the master key.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from sqlalchemy import BigInteger, Engine, Integer, String, Table, func, select, text

from events.database import is_postgresql
from events.envelope import Head
from events.errors import ImportRefused, UnknownEventType
from events.hashing import canonical_json
from events.integrity import ChainChecker, stored_rows
from events.personal import SEALED, Keyring, MasterKeyError, is_sealed
from events.registry import EventRegistry
from events.schema import EVENT_COLUMNS
from events.schema import events_table as T
from events.schema import person_keys_table as K

FORMAT = "cocreation-tracker/events"
FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)
BATCH = 2_000
_KEY_FIELDS: tuple[str, ...] = tuple(K.columns.keys())
#: The event that forgets a person (events/catalog/people.py; its data names them by `person_id`).
FORGOTTEN_TYPE = "PersonForgotten"


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


def import_events(engine: Engine, lines: Iterable[str], keyring: Keyring | None = None,
                  registry: EventRegistry | None = None) -> Head:
    """Load an export into an empty log, all or nothing. Refuse, naming the line, a file whose chain does not
    verify; a value its column cannot hold; (given the `registry`) an event that does not decode, upcast, into
    a declared type; a person key that is a second one, that contradicts the log's `PersonForgotten` events, or
    (given the `keyring`) that does not open with its master key; a person whose sealed data has no key line
    and was not forgotten."""
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
    people = _People(keyring)
    streams = _Streams()
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
                    keys.append(people.key(_key(line, number), number))
                    continue
                if keys:
                    raise ImportRefused(f"line {number}: an event after the person keys (an export writes every "
                                        "event first)")
                row, data = _row(line, number)
                problem = checker.check(row)
                if problem:
                    raise ImportRefused(f"line {number} (position {row['position']}): {problem}")
                problem = streams.check(row)
                if problem is None and registry is not None:
                    problem = _undecodable(registry, row, data)
                if problem:
                    raise ImportRefused(f"line {number} (position {row['position']}): {problem}")
                people.event(row, data, number)
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.execute(T.insert(), batch)
                    batch = []
            people.check_complete()
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


def _key(line: str, number: int) -> dict[str, Any]:
    try:
        key = json.loads(line)["person_key"]
    except (ValueError, KeyError, TypeError):
        raise ImportRefused(f"line {number} is not a person key") from None
    if not isinstance(key, dict) or set(key) != set(_KEY_FIELDS):
        raise ImportRefused(f"line {number} does not have exactly the fields of a person key")
    problem = column_problem(K, key)
    if problem:
        raise ImportRefused(f"line {number}: {problem}")
    return key


def _row(line: str, number: int) -> tuple[dict[str, Any], Any]:
    """The stored row a line holds, and its data as parsed."""
    try:
        raw = json.loads(line)
    except ValueError:
        raise ImportRefused(f"line {number} is not JSON") from None
    if not isinstance(raw, dict) or set(raw) != set(EVENT_COLUMNS):
        raise ImportRefused(f"line {number} does not have exactly the fields of a stored event")
    data = raw["data"]
    for name in ("data", "metadata"):
        if not isinstance(raw[name], dict):
            raise ImportRefused(f"line {number}: its {name} is not a JSON object")
        try:
            raw[name] = canonical_json(raw[name])
        except ValueError as exc:
            raise ImportRefused(f"line {number}: {exc}") from None
    problem = column_problem(T, raw)
    if problem:
        raise ImportRefused(f"line {number}: {problem}")
    return raw, data


#: The values the database's integer columns hold (SQLite holds more than PostgreSQL's INTEGER: refused alike).
_INTEGER_RANGE = {BigInteger: 2**63 - 1, Integer: 2**31 - 1}


def column_problem(table: Table, values: Mapping[str, Any]) -> str | None:
    """Why `values` cannot be stored in `table` as its columns are declared (events/schema.py), or None.

    SQLite stores any value in any column; PostgreSQL refuses what its column cannot hold. An import checks
    both the same way, so that a file imports into both engines, or into neither."""
    for column in table.columns:
        value = values[column.name]
        if value is None:
            if not column.nullable:
                return f"its {column.name} is null"
            continue
        kind = column.type
        if isinstance(kind, Integer):
            if not isinstance(value, int) or isinstance(value, bool):
                return f"its {column.name} is not an integer"
            limit = _INTEGER_RANGE[BigInteger if isinstance(kind, BigInteger) else Integer]
            if not -limit - 1 <= value <= limit:
                return f"its {column.name} {value} is out of the column's range"
        elif isinstance(kind, String):  # Text too
            if not isinstance(value, str):
                return f"its {column.name} is not a string"
            if kind.length is not None and len(value) > kind.length:
                return (f"its {column.name} is {len(value)} characters long; "
                        f"the column holds at most {kind.length}")
            if "\x00" in value:
                return f"its {column.name} holds a NUL character, which PostgreSQL does not store"
    return None


class _Streams:
    """Each stream's version and tenant so far: a stream's versions follow one another, in one tenant."""

    def __init__(self) -> None:
        self._last: dict[str, tuple[int, str]] = {}

    def check(self, row: Mapping[str, Any]) -> str | None:
        stream, version, tenant = row["stream_id"], row["stream_version"], row["tenant_id"]
        last_version, last_tenant = self._last.get(stream, (0, tenant))
        if version != last_version + 1:
            return f"stream {stream!r} version {version} follows its version {last_version}"
        if tenant != last_tenant:
            return f"stream {stream!r} is of tenant {last_tenant!r}, not {tenant!r}"
        self._last[stream] = (version, tenant)
        return None


def _undecodable(registry: EventRegistry, row: Mapping[str, Any], data: Any) -> str | None:
    """Why the event cannot be read as what it says it is (a declared type, at a known version, its data that
    type's fields once upcast), or None: every read, a projection's rebuild first, would fail on it."""
    try:
        registry.decode(row["type"], row["schema_version"], data)
    except (UnknownEventType, ValueError) as exc:
        return str(exc)
    return None


class _People:
    """The people of an import: whose sealed values the events hold, whom `PersonForgotten` events forgot, and
    the key lines, checked against both."""

    def __init__(self, keyring: Keyring | None) -> None:
        self._keyring = keyring
        #: person id -> (line, position) of the first event holding their sealed values.
        self._sealed: dict[str, tuple[int, int]] = {}
        #: person id -> position of the PersonForgotten event naming them.
        self._forgotten: dict[str, int] = {}
        self._keys: set[str] = set()
        #: wrapped key -> whose line holds it: each is wrapped with its own nonce, so no two people share one.
        self._wrapped: dict[str, str] = {}

    def event(self, row: Mapping[str, Any], data: Any, number: int) -> None:
        for person in _sealed_in(data):
            self._sealed.setdefault(person, (number, row["position"]))
        if row["type"] == FORGOTTEN_TYPE and isinstance(data.get("person_id"), str):
            self._forgotten.setdefault(data["person_id"], row["position"])

    def key(self, key: dict[str, Any], number: int) -> dict[str, Any]:
        person, wrapped = key["person_id"], key["wrapped_key"]
        if person in self._keys:
            raise ImportRefused(f"line {number}: a second key line for {person}")
        self._keys.add(person)
        if (wrapped is None) != (key["forgotten_at"] is not None):
            raise ImportRefused(f"line {number}: the key of {person} is "
                                + ("destroyed with no forgotten_at" if wrapped is None
                                   else f"still there although forgotten at {key['forgotten_at']}"))
        forgotten_at = self._forgotten.get(person)
        if forgotten_at is not None and wrapped is not None:
            raise ImportRefused(f"line {number}: {person} was forgotten (PersonForgotten at position "
                                f"{forgotten_at}), but this line still holds their key: it must be null")
        if forgotten_at is None and wrapped is None:
            raise ImportRefused(f"line {number}: the key of {person} is destroyed, but no PersonForgotten event "
                                "names them: a person is forgotten only with that event")
        if wrapped is not None and self._wrapped.setdefault(wrapped, person) != person:
            raise ImportRefused(f"line {number}: the key of {person} is the key of {self._wrapped[wrapped]}")
        if self._keyring is not None and wrapped is not None:
            try:
                self._keyring.unwrap(person, wrapped)
            except (MasterKeyError, ValueError) as exc:
                raise ImportRefused(f"line {number}: {exc}") from None
        return key

    def check_complete(self) -> None:
        """Refuse when a person not forgotten has sealed values but no key line: they would read as forgotten."""
        missing = [(line, position, person) for person, (line, position) in self._sealed.items()
                   if person not in self._keys and person not in self._forgotten]
        if missing:
            line, position, person = min(missing)
            raise ImportRefused(f"line {line} (position {position}): it holds sealed personal data of {person}, "
                                "but the file has no key line for them and no PersonForgotten event names them")


def _sealed_in(value: Any) -> Iterator[str]:
    """The person ids of every sealed value within a stored event's data."""
    if isinstance(value, dict):
        if is_sealed(value):
            if isinstance(value[SEALED], str):
                yield value[SEALED]
            return
        for inner in value.values():
            yield from _sealed_in(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _sealed_in(inner)
