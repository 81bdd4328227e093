"""A forum's sessions as an RFC 5545 calendar (the public feed, and the invitation attached to reminders).

Built with the `icalendar` library from the sessions as their streams say they are now:

- UID `<session id>@cocreation-tracker`: the same wherever the tracker is served, so a subscriber's
  calendar updates the event in place;
- DTSTART in the forum's timezone (TZID, with its VTIMEZONE); DTEND two hours later (a session's length is
  not recorded; two hours is what forums usually book);
- SEQUENCE counts the changes a subscriber must apply: one per rescheduling, one more for a cancellation;
- STATUS:CANCELLED for a cancelled session, CONFIRMED otherwise;
- DTSTAMP, CREATED and LAST-MODIFIED: when the session's first and last events were logged, so the feed of an
  unchanged record is byte-for-byte the same.

Every text from the record is a TEXT value (RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped
by `icalendar`, lines folded at 75 octets), and first made one line here (`one_line`: CR, LF, NEL, U+2028/9 and
every other control character become a space): a forum's name, a session's title, venue, cancellation reason,
agenda items and materials. No text can end a property and start another; the description's own line breaks
are the only ones in it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import icalendar

from events import EventStore, RecordedEvent
from tracker.domain.forum import ForumState
from tracker.domain.names import one_line
from tracker.domain.session import SessionState
from tracker.domain.streams import SESSION
from tracker.domain.time import zone
from tracker.mail.texts import say

UID_DOMAIN = "cocreation-tracker"
PRODID = "-//Open Government Partnership co-creation tracker//ES"
#: The length given to every session in calendars (the record keeps only when a session starts).
SESSION_LENGTH = timedelta(hours=2)
#: A venue that is a web address (then also the event's URL): http(s), no space or control character.
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")
@dataclass(frozen=True)
class CalendarSession:
    """A session's current state with when its stream was first and last written to."""

    state: SessionState
    created: datetime
    revised: datetime

    @property
    def sequence(self) -> int:
        """How many times subscribers were told of a change: each rescheduling, and the cancellation."""
        return len(self.state.reschedulings) + (1 if self.state.cancelled else 0)


def session_uid(session_id: str) -> str:
    """The session's UID in every calendar (independent of the host serving it)."""
    return f"{session_id}@{UID_DOMAIN}"


def calendar_session(events: list[RecordedEvent]) -> CalendarSession | None:
    """A session stream (oldest first) as a calendar entry; None when it is not a session's stream."""
    state = SESSION.fold(events) if events else None
    if state is None:
        return None
    return CalendarSession(state, events[0].recorded_at, events[-1].recorded_at)


def forum_sessions(store: EventStore, forum_id: str) -> list[CalendarSession]:
    """Every session of a forum, from the forum's part of the log, by when they are scheduled."""
    streams: dict[str, list[RecordedEvent]] = {}
    for event in store.read_all(tenant_id=forum_id, types=SESSION.types):
        streams.setdefault(event.stream_id, []).append(event)
    found = [entry for entry in map(calendar_session, streams.values()) if entry is not None]
    return sorted(found, key=lambda e: (e.state.scheduled_at, e.state.id))


def description(forum: ForumState, session: SessionState) -> str:
    """The agenda, the materials' links and, for a cancelled session, why: in the forum's language."""
    lang = forum.language
    parts = []
    if session.cancelled:
        parts.append(say(lang, "calendar.cancelled", reason=one_line(session.cancellation_reason)))
    if session.agenda:
        items = [f"{i}. {one_line(item['title'])}" for i, item in enumerate(session.agenda, start=1)]
        parts.append("\n".join([say(lang, "agenda"), *items]))
    materials = (session.announcement or {}).get("materials") or []
    if materials:
        parts.append("\n".join([say(lang, "materials"),
                                 *(f"- {one_line(m['title'])}: {one_line(m['url'])}" for m in materials)]))
    return "\n\n".join(parts)


def vevent(forum: ForumState, entry: CalendarSession) -> icalendar.Event:
    """One VEVENT for a session."""
    session, tz = entry.state, zone(forum.timezone)
    start = session.scheduled_at.astimezone(tz)
    event = icalendar.Event()
    event.add("uid", session_uid(session.id))
    event.add("dtstamp", entry.revised)
    event.add("created", entry.created)
    event.add("last-modified", entry.revised)
    event.add("sequence", entry.sequence)
    event.add("dtstart", start)
    event.add("dtend", start + SESSION_LENGTH)
    venue = one_line(session.venue)
    event.add("summary", one_line(session.title))
    event.add("location", venue)
    if _URL.fullmatch(venue):
        event.add("url", venue)
    text = description(forum, session)
    if text:
        event.add("description", text)
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if session.cancelled else "OPAQUE")
    return event


def forum_calendar(forum: ForumState, entries: Iterable[CalendarSession], *, method: str | None = None
                   ) -> icalendar.Calendar:
    """The calendar of `entries` (a forum's sessions), with the forum's timezone described in it.

    `method` is set for a calendar sent by email ("PUBLISH"); a feed read by subscription has none.
    """
    entries = list(entries)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", icalendar.vText(one_line(forum.name)))  # an X- property is not escaped unless vText
    cal.add("x-wr-timezone", forum.timezone)
    for entry in entries:
        cal.add_component(vevent(forum, entry))
    days = [e.state.scheduled_at.date() for e in entries] or [forum.established_on]
    cal.add_missing_timezones(first_date=min(min(days), forum.established_on) - timedelta(days=366),
                              last_date=max(max(days), date(2038, 1, 1)) + timedelta(days=366))
    return cal


def ics_bytes(cal: icalendar.Calendar) -> bytes:
    """The calendar as the bytes of an .ics file (CRLF line ends, folded lines)."""
    return cal.to_ical()
