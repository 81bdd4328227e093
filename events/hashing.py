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

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no spaces, ASCII only (so no engine can refuse or re-encode it).

    `json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)`, refusals
    included, run as json.dumps runs it but for the standard library's C encoder, which json.dumps builds on
    every call and which is built here once a thread: this is on the append path, once an event (measured:
    half of json.dumps's time).
    """
    if c_make_encoder is None:  # not CPython
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
    encode = getattr(_encoders, "encode", None)
    if encode is None:
        # json.JSONEncoder.iterencode's call, with these arguments: markers (for circular references), default,
        # the ASCII string encoder, indent, the separators, sort_keys, skipkeys, allow_nan.
        encode = _encoders.encode = c_make_encoder({}, _refuse, _quote, None, ":", ",", True, False, False)
    try:
        return "".join(encode(value, 0))
    except BaseException:
        _encoders.encode = None  # its circular-reference marks may keep what the refused value left in them
        raise


_encoders = threading.local()
_refuse = json.JSONEncoder().default  # raises TypeError, as json.dumps does for what it cannot write


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
