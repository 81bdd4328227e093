"""The reads behind a forum's audit log page and its JSON Lines download.

The log is read through the store, as GET /events reads it (one forum's events, in position order, optionally of
one stream or type); the page's other filters (actor, occurred and recorded days in the forum's timezone) narrow
the rows as they are read. An event is flagged `logged_late` by the compliance code's own threshold (`LATE`).
The download writes the forum's stored rows in the line format of `tracker events export`.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from events import RecordedEvent, verify
from events.integrity import stored_rows
from events.transfer import event_line, header_line
from tracker.bootstrap import Services
from tracker.compliance.snapshot import LATE
from tracker.domain.time import local_day, zone

#: Rows on one page of the log.
PAGE = 100
#: Fields whose value best names what an event is about, in order of preference.
NAMING_FIELDS = ("title", "name", "check", "decision", "kind", "reason", "text", "explanation")
#: How much of a naming field a one-line summary shows.
SUMMARY_LENGTH = 120


@dataclass(frozen=True)
class LogFilters:
    """What the reader asked to see: each None means no filter."""

    type: str | None = None
    stream: str | None = None
    actor: str | None = None
    occurred_from: date | None = None
    occurred_to: date | None = None
    recorded_from: date | None = None
    recorded_to: date | None = None

    def admits(self, e: RecordedEvent, tz: str) -> bool:
        """Does the event pass the filters the store cannot apply (actor, days in the forum's timezone)?"""
        if self.actor and self.actor.lower() not in e.recorded_by.lower():
            return False
        return (_within(local_day(e.occurred_at, tz), self.occurred_from, self.occurred_to)
                and _within(local_day(e.recorded_at, tz), self.recorded_from, self.recorded_to))


def _within(day: date, first: date | None, last: date | None) -> bool:
    return (first is None or day >= first) and (last is None or day <= last)


@dataclass(frozen=True)
class LogRow:
    """One event as the audit log shows it; instants in the forum's timezone."""

    position: int
    type: str
    stream_id: str
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str
    summary: str
    logged_late: bool
    data_json: str


@dataclass(frozen=True)
class LogPage:
    """A page of the audit log, and where the next one starts (None at the end)."""

    rows: list[LogRow]
    next_after: int | None


@dataclass(frozen=True)
class Verification:
    """The hash chain of the whole log, re-checked."""

    ok: bool
    events: int
    head: str
    head_position: int
    first_bad_position: int | None


def logged_late(e: RecordedEvent) -> bool:
    """Was the event logged longer after it occurred than the compliance code accepts as timely?"""
    return e.recorded_at - e.occurred_at > LATE


def summary(e: RecordedEvent) -> str:
    """One line about the event: the field that names it best and the day it names, from its own data."""
    parts = []
    for name in NAMING_FIELDS:
        value = e.data.get(name)
        if isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            parts.append(text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH].rstrip() + "…")
            break
    days = [f"{k}: {v}" for k, v in e.data.items() if (k.endswith("_on") or k.endswith("_at")) and isinstance(v, str)]
    parts.extend(days[:1])
    return " · ".join(parts)


def log_row(e: RecordedEvent, tz: str) -> LogRow:
    """An event as a row of the log (or of a trail), its instants in the timezone `tz`."""
    return LogRow(e.position, e.type, e.stream_id, e.occurred_at.astimezone(zone(tz)),
                  e.recorded_at.astimezone(zone(tz)), e.recorded_by, summary(e), logged_late(e),
                  json.dumps(e.data, ensure_ascii=False, indent=2, sort_keys=True, default=str))


def log_page(services: Services, forum_id: str, tz: str, filters: LogFilters, after: int = 0,
             size: int = PAGE) -> LogPage:
    """Up to `size` of the forum's events after position `after` that pass the filters, in position order."""
    types = [filters.type] if filters.type else None
    rows: list[LogRow] = []
    for e in services.store.read_all(after, tenant_id=forum_id, stream_id=filters.stream or None, types=types):
        if filters.admits(e, tz):
            rows.append(log_row(e, tz))
            if len(rows) == size:
                return LogPage(rows, e.position)
    return LogPage(rows, None)


def verification(services: Services) -> Verification:
    """The whole log's hash chain re-checked, as GET /events/verification reports it."""
    result = verify(services.engine)
    return Verification(result.ok, result.events, result.head.hash, result.head.position, result.first_bad_position)


def export_lines(services: Services, forum_id: str) -> Iterator[str]:
    """The forum's events as `tracker events export` writes lines: the header, then one stored row per line."""
    yield header_line()
    for row in stored_rows(services.engine, tenant_id=forum_id, page=1_000):
        yield event_line(row)
