"""The reads behind a forum's audit log page and its JSON Lines download.

The log is read through the store, as GET /events reads it (one forum's events, in position order, optionally of
one stream or type); the page's other filters (actor, occurred and recorded days in the forum's timezone) narrow
the rows as they are read. An event is flagged `logged_late` by the compliance code's own threshold (`LATE`).
The download writes the forum's stored rows in the line format of `tracker events export`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date

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
#: Naming fields whose value is a code of the record (named in words by the page), not free text.
CODED_FIELDS = ("check", "decision", "kind")
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
    texts: list[tuple[str, str]]


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


#: Free-text fields an event may carry, shown in full under the row (the page names each in its language).
TEXT_FIELDS = ("title", "name", "text", "reasoning", "note", "explanation", "recommendations", "reason",
               "correction_reason", "url")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def written_out(value: str, tz: str, lang: str) -> str:
    """A day or an instant of an event's data as people read it ("1 de marzo de 2026", "1 de marzo de 2026,
    15:00" in the forum's timezone); any other text as it is."""
    try:
        if _ISO_DAY.fullmatch(value):
            return format_date(date.fromisoformat(value), "long", locale=lang)
        if _ISO_INSTANT.match(value):
            local = datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(zone(tz))
            return f"{format_date(local.date(), 'long', locale=lang)}, {local:%H:%M}"
    except ValueError:
        pass
    return value


#: Names a code of the record in the page's language: (event type, field, code) -> words.
Words = Callable[[str, str, str], str]


def _as_is(_type: str, _field: str, code: str) -> str:
    return code


def summary(e: RecordedEvent, tz: str = "UTC", lang: str = "en", words: Words = _as_is) -> str:
    """One line about the event: the field that names it best and the day it names, from its own data, the day
    written out in `lang` and a code (a decision, a kind) named by `words` (never a field's key nor an ISO
    date)."""
    parts = []
    for name in NAMING_FIELDS:
        value = e.data.get(name)
        if isinstance(value, str) and value.strip():
            text = words(e.type, name, value) if name in CODED_FIELDS else " ".join(value.split())
            parts.append(text if len(text) <= SUMMARY_LENGTH else text[:SUMMARY_LENGTH].rstrip() + "…")
            break
    days = [written_out(v, tz, lang) for k, v in e.data.items()
            if (k.endswith("_on") or k.endswith("_at")) and isinstance(v, str)]
    parts.extend(days[:1])
    return " · ".join(parts)


def texts(e: RecordedEvent) -> list[tuple[str, str]]:
    """The event's free-text fields, in full, as (field, text): what the summary cut or left out (none when the
    summary already shows the one text the event has)."""
    found = [(name, e.data[name]) for name in TEXT_FIELDS
             if isinstance(e.data.get(name), str) and e.data[name].strip()]
    if len(found) == 1 and len(" ".join(found[0][1].split())) <= SUMMARY_LENGTH and found[0][0] in NAMING_FIELDS:
        return []
    return found


def log_row(e: RecordedEvent, tz: str, lang: str = "en", words: Words = _as_is) -> LogRow:
    """An event as a row of the log (or of a trail), its instants in the timezone `tz`, its summary in `lang`."""
    return LogRow(e.position, e.type, e.stream_id, e.occurred_at.astimezone(zone(tz)),
                  e.recorded_at.astimezone(zone(tz)), e.recorded_by, summary(e, tz, lang, words), logged_late(e),
                  json.dumps(e.data, ensure_ascii=False, indent=2, sort_keys=True, default=str), texts(e))


def log_page(services: Services, forum_id: str, tz: str, filters: LogFilters, after: int = 0,
             size: int = PAGE, lang: str = "en", words: Words = _as_is) -> LogPage:
    """Up to `size` of the forum's events after position `after` that pass the filters, in position order."""
    types = [filters.type] if filters.type else None
    rows: list[LogRow] = []
    for e in services.store.read_all(after, tenant_id=forum_id, stream_id=filters.stream or None, types=types):
        if filters.admits(e, tz):
            rows.append(log_row(e, tz, lang, words))
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
