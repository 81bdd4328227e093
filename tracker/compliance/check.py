"""What a computed check holds before it is rendered: its answer, the reasons (message keys with their
values, rendered in English and Spanish by `texts`), the events that decided it, and its details."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from events import RecordedEvent

MINIMUM, PRACTICES, STANDARDS = "minimum_requirements", "recommended_practices", "standards"

#: A sentence of an explanation: a key of `texts.MESSAGES` and the values it names.
Message = tuple[str, dict[str, Any]]


def say(key: str, **values: Any) -> Message:
    """One sentence of an explanation."""
    return key, values


@dataclass
class Check:
    """A check's computed answer, with its reasons and evidence."""

    id: str
    section: str
    answer: str
    reasons: list[Message]
    evidence: list[RecordedEvent] = field(default_factory=list)
    details: dict[str, Any] | None = None
    indicators: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def evidence(*groups: Iterable[RecordedEvent | None]) -> list[RecordedEvent]:
    """The events of several groups, each once, in log order (None left out)."""
    seen: dict[int, RecordedEvent] = {}
    for group in groups:
        for e in group:
            if e is not None:
                seen.setdefault(e.position, e)
    return [seen[p] for p in sorted(seen)]


def non_governmental(sector: str | None) -> bool:
    """Every sector except government counts as non-governmental (an unknown sector does not count)."""
    return sector is not None and sector != "government"


def median(values: list[int]) -> float | None:
    """The median of whole numbers (None for none)."""
    if not values:
        return None
    ordered, mid = sorted(values), len(values) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def share(part: int, whole: int) -> float | None:
    """part / whole rounded to 3 places (None when whole is 0)."""
    return round(part / whole, 3) if whole else None
