"""Declaring event types and upcasting old versions (no database)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest

from events import DomainEvent, EventRegistry, UnknownEventType


def test_a_type_is_declared_once():
    reg = EventRegistry()

    @dataclass(frozen=True)
    class SessionHeld(DomainEvent):
        """A session took place."""

        held_at: str

    reg.register(SessionHeld)
    with pytest.raises(ValueError, match="twice"):
        reg.register(SessionHeld)
    assert reg.names() == ["SessionHeld"] and "SessionHeld" in reg
    assert reg.load("SessionHeld", {"held_at": "2026-01-01"}) == SessionHeld(held_at="2026-01-01")


def test_upcasters_run_in_sequence_up_to_the_current_version():
    reg = EventRegistry()

    @reg.register
    @dataclass(frozen=True)
    class Counted(DomainEvent):
        """Counted, at version 3."""

        VERSION: ClassVar[int] = 3
        value: int

    reg.upcaster("Counted", 1)(lambda d: {"value": d["v"]})
    reg.upcaster("Counted", 2)(lambda d: {"value": d["value"] * 10})
    assert reg.upcast("Counted", 1, {"v": 4}) == {"value": 40}
    assert reg.upcast("Counted", 3, {"value": 4}) == {"value": 4}
    with pytest.raises(UnknownEventType, match="version 4 is not known"):
        reg.upcast("Counted", 4, {})
    with pytest.raises(UnknownEventType, match="no event type"):
        reg.upcast("Nothing", 1, {})


def test_a_missing_upcaster_is_named():
    reg = EventRegistry()

    @reg.register
    @dataclass(frozen=True)
    class Counted(DomainEvent):
        """Counted, at version 2 with no upcaster from 1."""

        VERSION: ClassVar[int] = 2

    with pytest.raises(UnknownEventType, match="from version 1 to 2"):
        reg.upcast("Counted", 1, {})
