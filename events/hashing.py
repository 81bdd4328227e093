"""The canonical stored form of an event and the SHA-256 chain over it.

The chain hashes what is stored (the data's canonical JSON text, the instants' text), never a
decrypted or re-rendered view, so destroying a person's key later leaves every hash valid.
"""
from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from json.encoder import encode_basestring_ascii as _quote
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """One text per value: sorted keys, no spaces, ASCII only (so no engine can refuse or re-encode it)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


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
