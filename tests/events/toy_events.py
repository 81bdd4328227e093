"""Small event types for the store's own tests (the store knows nothing of forums)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from events import DomainEvent, EventRegistry, NewEvent

registry = EventRegistry()


@registry.register
@dataclass(frozen=True)
class ThingHappened(DomainEvent):
    """Something happened to a thing."""

    name: str
    count: int = 0


@registry.register
@dataclass(frozen=True)
class ThingRenamed(DomainEvent):
    """A thing got a new name."""

    VERSION: ClassVar[int] = 1
    name: str


WHEN = datetime(2026, 2, 1, 15, 30, tzinfo=UTC)


def happened(name: str = "thing", count: int = 0, when: datetime = WHEN) -> NewEvent:
    return NewEvent(ThingHappened(name=name, count=count), when)
