"""The evidence annex every report ends with: each event a report cites, once, numbered in the order it is first
cited, described in words, with when it occurred and when it was logged in the forum's time zone, and a link to the
forum's audit log at its position."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from events import RecordedEvent
from tracker.compliance.snapshot import LATE, Snapshot
from tracker.report.words import moment


class Annex:
    """The annex of one report, filled as its content is built: `number` a piece of a compliance answer's evidence,
    `cite` an event of the snapshot; both return the entry's number."""

    def __init__(self, snap: Snapshot, lang: str, log_link: Callable[[int], str] | None) -> None:
        self.snap, self.lang, self.log_link = snap, lang, log_link
        self.entries: list[dict[str, Any]] = []
        self._numbers: dict[int, int] = {}

    def number(self, evidence: dict[str, Any]) -> int:
        """The number of a compliance answer's piece of evidence (position, type, summary, both times)."""
        position = evidence["position"]
        if position not in self._numbers:
            self._numbers[position] = len(self.entries) + 1
            tz = self.snap.tz
            self.entries.append({
                "number": self._numbers[position], "position": position, "type": evidence["type"],
                "described": evidence["summary"], "occurred": moment(evidence["occurred_at"], tz, self.lang),
                "recorded": moment(evidence["recorded_at"], tz, self.lang),
                "logged_late": evidence["logged_late"],
                "link": self.log_link(position) if self.log_link else None})
        return self._numbers[position]

    def cite(self, event: RecordedEvent, described: str) -> int:
        """The number of an event of the log, described in words by the caller."""
        return self.number({"position": event.position, "type": event.type, "summary": described,
                            "occurred_at": event.occurred_at, "recorded_at": event.recorded_at,
                            "logged_late": event.recorded_at - event.occurred_at > LATE})
