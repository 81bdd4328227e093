"""The canonical stored form of an event and the SHA-256 chain over it.

The chain hashes what is stored (the data's canonical JSON text, the instants' text), never a
decrypted or re-rendered view, so destroying a person's key later leaves every hash valid.
"""
from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC, datetime
from json.encoder import c_make_encoder  # type: ignore[attr-defined]  # None where _json is missing
from json.encoder import encode_basestring_ascii as _quote
from typing import Any

import orjson

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no spaces, ASCII only (so no engine can refuse or re-encode it).

    The text is `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)`,
    written the fastest way that gives its bytes (this is on the append path, once an event): a value made only
    of dicts with string keys, lists, tuples, strings, integers, booleans and None (what events hold) by orjson
    when its text is ASCII without DEL (where orjson writes what `json` writes: the order of keys, the escapes,
    the integers); anything else (non-ASCII text, which `json` escapes, floats, whose spelling differs, other
    types) by the standard library's C encoder, called as `json.dumps` calls it, refusals included.
    """
    try:
        raw = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except TypeError:  # orjson.JSONEncodeError: a type it does not know, an integer beyond 64 bits, a surrogate
        pass
    else:
        if raw.isascii() and b"\x7f" not in raw and _plain(value):
            return raw.decode("ascii")
    if c_make_encoder is None:  # not CPython
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    # What json.dumps does with these arguments, with the C encoder it builds on each call built once a thread.
    encode = getattr(_encoders, "encode", None)
    if encode is None:
        encode = _encoders.encode = c_make_encoder({}, _refuse, _quote, None, ":", ",", True, False, False)
    try:
        return "".join(encode(value, 0))
    except BaseException:
        _encoders.encode = None  # its circular-reference marks may hold what the refused value left
        raise


_encoders = threading.local()
_refuse = json.JSONEncoder().default  # raises TypeError, as json.dumps does for what it cannot write


def _plain(value: Any, depth: int = 0) -> bool:
    """Is the value made only of what orjson writes as `json` does (see canonical_json)?"""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return True
    if depth > 100:  # deeper than events nest: left to json, which says what it thinks of it
        return False
    if kind is dict:
        for key, item in value.items():
            kind = type(item)
            if type(key) is not str or not (kind is str or kind is int or kind is bool or item is None
                                             or _plain(item, depth + 1)):
                return False
        return True
    if kind is list or kind is tuple:
        for item in value:  # noqa: SIM110 - a loop: all() of a generator cost a third of canonical_json
            if not _plain(item, depth + 1):
                return False
        return True
    return False


def format_instant(moment: datetime) -> str:
    """An instant as stored: UTC, microseconds, fixed width, so text order is time order."""
    if moment.tzinfo is None:
        raise ValueError("instants must carry a timezone")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_instant(text: str) -> datetime:
    """The inverse of format_instant."""
    return datetime.fromisoformat(text)


def chain_hash(
    previous_hash: str,
    position: int,
    event_id: str,
    stream_id: str,
    stream_version: int,
    tenant_id: str,
    type_: str,
    schema_version: int,
    data_text: str,
    occurred_at: str,
    recorded_at: str,
    recorded_by: str,
    correlation_id: str,
    causation_id: str | None,
    metadata_text: str,
) -> str:
    """SHA-256 of the predecessor's hash, a newline, and the event's stored columns as a compact ASCII
    JSON array in this fixed order (what `json.dumps([...], separators=(",", ":"))` writes; spelled out
    because this is the append path's hottest line)."""
    q = _quote
    body = (
        f"[{int(position)},{q(event_id)},{q(stream_id)},{int(stream_version)},{q(tenant_id)},{q(type_)},"
        f"{int(schema_version)},{q(data_text)},{q(occurred_at)},{q(recorded_at)},{q(recorded_by)},"
        f"{q(correlation_id)},{'null' if causation_id is None else q(causation_id)},{q(metadata_text)}]"
    )
    return hashlib.sha256(f"{previous_hash}\n{body}".encode()).hexdigest()


class CommandChain:
    """`chain_hash` for the events of one command, the same bytes: the columns they share (stream, tenant,
    `recorded_at`, who, correlation, causation, metadata) are quoted once for all, and each type's name."""

    def __init__(self, stream_id: str, tenant_id: str, recorded_at: str, recorded_by: str, correlation_id: str,
                 causation_id: str | None, metadata_text: str) -> None:
        q = _quote
        self._stream = f",{q(stream_id)},"
        self._tenant = f",{q(tenant_id)},"
        self._tail = (f",{q(recorded_at)},{q(recorded_by)},{q(correlation_id)},"
                      f"{'null' if causation_id is None else q(causation_id)},{q(metadata_text)}]")
        self._types: dict[tuple[str, int], str] = {}
        self._instants: dict[str, str] = {}

    def hash(self, previous_hash: str, position: int, event_id: str, stream_version: int, type_: str,
             schema_version: int, data_text: str, occurred_at: str) -> str:
        """The event's chain hash: chain_hash with this command's shared columns."""
        q = _quote
        kind = self._types.get((type_, schema_version))
        if kind is None:
            kind = self._types[(type_, schema_version)] = f"{q(type_)},{int(schema_version)},"
        occurred = self._instants.get(occurred_at)
        if occurred is None:
            occurred = self._instants[occurred_at] = q(occurred_at)
        text = (f"{previous_hash}\n[{int(position)},{q(event_id)}{self._stream}{int(stream_version)}{self._tenant}"
                f"{kind}{q(data_text)},{occurred}{self._tail}")
        return hashlib.sha256(text.encode()).hexdigest()
