"""The scheduler's clock: the server's, or a simulated one for demos and tests (TRACKER_CLOCK, only when set).

    TRACKER_CLOCK=2025-05-01T00:00:00+00:00 TRACKER_CLOCK_SPEED=600 tracker scheduler

runs a scheduler whose time starts at 1 May 2025 and passes 600 times faster than real time (10 simulated minutes
a second). TRACKER_CLOCK_ANCHOR (a real instant, ISO 8601 with an offset) says when the simulated clock read
TRACKER_CLOCK, so that several processes started apart share one simulated time; by default it is the moment the
process built its clock.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from events.store import Clock, utc_now


class SimulatedClock:
    """Time that starts at `start` when the real clock reads `anchor`, and runs `speed` times as fast."""

    def __init__(self, start: datetime, speed: float = 1.0, anchor: datetime | None = None,
                 real: Clock = utc_now) -> None:
        if start.tzinfo is None:
            raise ValueError("TRACKER_CLOCK needs an offset, e.g. 2025-05-01T00:00:00+00:00")
        if speed <= 0:
            raise ValueError("TRACKER_CLOCK_SPEED must be positive")
        self.start, self.speed, self.real = start, speed, real
        self.anchor = anchor or real()

    def __call__(self) -> datetime:
        return self.start + (self.real() - self.anchor) * self.speed


def clock_from(config: Mapping[str, Any]) -> Clock:
    """The clock the configuration asks for: simulated when CLOCK is set, else the server's."""
    if not config.get("CLOCK"):
        return utc_now
    anchor = config.get("CLOCK_ANCHOR")
    return SimulatedClock(datetime.fromisoformat(config["CLOCK"]), float(config.get("CLOCK_SPEED") or 1),
                          datetime.fromisoformat(anchor) if anchor else None)
