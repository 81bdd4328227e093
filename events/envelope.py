"""The envelope around an event: what the caller hands in, and what the log gives back."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

from events.registry import DomainEvent


@dataclass(frozen=True)
class NewEvent:
    """An event about to be appended, with the world time at which the fact occurred."""

    payload: DomainEvent
    occurred_at: datetime


@dataclass(frozen=True)
class Metadata:
    """Who logged a command, and how it relates to other commands."""

    actor: str
    correlation_id: str | None = None
    causation_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class RecordedEvent(NamedTuple):
    """An event as the log holds it. `data` is already upcast to the type's current version."""

    position: int
    event_id: str
    stream_id: str
    stream_version: int
    tenant_id: str
    type: str
    schema_version: int
    data: dict[str, Any]
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str
    correlation_id: str
    causation_id: str | None
    hash: str


class Head(NamedTuple):
    """The last position of the log and its chain hash (position 0 and the genesis hash when empty)."""

    position: int
    hash: str


@dataclass(frozen=True)
class Verification:
    """The outcome of re-hashing the log."""

    ok: bool
    events: int
    head: Head
    first_bad_position: int | None = None
    reason: str | None = None
