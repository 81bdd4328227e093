"""The series the charts draw, computed from the sessions and contributions (as the read models or a report's
snapshot hold them), each up to a given day (`until`: the report's as_of day, or today for the pages)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from tracker.domain.contribution import ContributionState
from tracker.domain.session import SessionState
from tracker.domain.time import local_day, month_end, month_index, month_of
from tracker.domain.vocabulary import CONTRIBUTION_STATUSES as STATUSES
from tracker.domain.vocabulary import SECTORS


def _held_at(s: SessionState) -> datetime:
    """A held session's instant (`held_sessions` keeps only sessions that have one)."""
    assert s.held_at is not None, f"session {s.id} was not held"
    return s.held_at


def _held_day(s: SessionState, tz: str) -> date:
    """The forum's day a held session was held on."""
    return local_day(_held_at(s), tz)


def held_sessions(sessions: Iterable[SessionState], tz: str, until: date) -> list[SessionState]:
    """The sessions held by `until`, in the order they were held."""
    return sorted((s for s in sessions if s.held_at is not None and not s.cancelled
                   and local_day(s.held_at, tz) <= until), key=_held_at)


#: The attendance chart's series for the public: counted at the door, never named (`public_attendees`).
PUBLIC = "public"


def attendance_by_sector(sessions: Iterable[SessionState], tz: str, until: date) -> list[tuple[date, dict[str, int]]]:
    """For each session held by `until`: its day, how many attended from each sector (no names), and under
    PUBLIC how many of the public the secretariat counted (0 when it recorded no count)."""
    out = []
    for s in held_sessions(sessions, tz, until):
        counts = dict.fromkeys(SECTORS, 0)
        for entry in s.attendance:
            sector = entry["sector"] if entry.get("sector") in counts else "other"
            counts[sector] += 1
        counts[PUBLIC] = s.public_attendees or 0
        out.append((_held_day(s, tz), counts))
    return out


def public_counted(sessions: Iterable[SessionState], tz: str, until: date) -> int:
    """How many of the sessions held by `until` have a count of the public recorded."""
    return sum(1 for s in held_sessions(sessions, tz, until) if s.public_attendees is not None)


def status_on(c: ContributionState, day: date) -> str | None:
    """How far a contribution had gone by the end of `day` (None when not yet received)."""
    if c.received_on > day:
        return None
    if any(m.communicated_on <= day for m in c.communications):
        return "communicated"
    if c.response is not None and c.response.responded_on <= day:
        return "responded"
    if any(k.considered_on <= day for k in c.considerations):
        return "considered"
    return "received"


def statuses_by_month(contributions: Sequence[ContributionState], until: date,
                      limit: int = 18) -> list[tuple[date, dict[str, int]]]:
    """For each month from the first contribution to `until` (at most the last `limit` months): its last day
    (or `until` in the month of `until`) and how many contributions stood at each status then."""
    received = [c.received_on for c in contributions if c.received_on <= until]
    if not received:
        return []
    last = month_index(until)
    first = max(month_index(min(received)), last - limit + 1)
    out = []
    for index in range(first, last + 1):
        day = min(month_end(index), until)
        counts = dict.fromkeys(STATUSES, 0)
        for c in contributions:
            status = status_on(c, day)
            if status:
                counts[status] += 1
        out.append((day, counts))
    return out


def days_to_response(contributions: Iterable[ContributionState], until: date) -> list[int]:
    """Days from receipt to the response, for each contribution answered by `until`, smallest first."""
    return sorted(days for c in contributions
                  if c.response is not None and c.response.responded_on <= until
                  and (days := c.days_to_response) is not None)


def months_with_sessions(sessions: Iterable[SessionState], tz: str, first: date, last: date,
                         until: date) -> list[tuple[date, str]]:
    """For each month from `first` to `last`: its first day and `held` (a session held in it by `until`),
    `scheduled` (a session not cancelled and not held is scheduled in it) or `none`."""
    sessions = list(sessions)
    held = {month_index(_held_day(s, tz)) for s in held_sessions(sessions, tz, until)}
    planned = {month_index(local_day(s.scheduled_at, tz)) for s in sessions
               if not s.cancelled and (s.held_at is None or local_day(s.held_at, tz) > until)}
    out = []
    for index in range(month_index(first), month_index(last) + 1):
        state = "held" if index in held else "scheduled" if index in planned else "none"
        year, month = month_of(index)
        out.append((date(year, month, 1), state))
    return out
