"""A clock the test moves by hand."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta


class ManualClock:
    """Callable like the server clock; starts at a fixed instant and moves only when told."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 3, 1, 14, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move forward by a timedelta's keyword arguments; return the new now."""
        self.now += timedelta(**delta)
        return self.now
