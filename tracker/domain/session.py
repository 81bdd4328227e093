"""A session of the forum: scheduled, announced, moved or cancelled, held with its attendance, and minuted.

The announcement, the record of the session and its minutes are recordings: once made, a repetition must
say it is a correction (with a reason); the later event supersedes the earlier, and both stay in the stream.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from events import NewEvent, RecordedEvent
from events.catalog.sessions import (
    MinutesRecorded,
    SessionAnnounced,
    SessionCancelled,
    SessionHeld,
    SessionRescheduled,
    SessionScheduled,
)
from tracker.domain.errors import Conflict, InvalidField
from tracker.domain.forum import ForumState, occurred
from tracker.domain.time import local_day, not_future_day, not_future_instant, zone

#: The types of a session's stream (tracker.domain.streams.SESSION).
EVENT_TYPES = tuple(cls.type_name() for cls in (SessionScheduled, SessionAnnounced, SessionRescheduled,
                                                 SessionCancelled, SessionHeld, MinutesRecorded))


@dataclass
class Rescheduling:
    """A move of the session from one time to another."""

    previous: datetime
    to: datetime
    reason: str | None


@dataclass
class Correction:
    """A recording that superseded an earlier one of the same kind."""

    of: str  # announcement | record | minutes
    reason: str
    position: int
    recorded_at: datetime


@dataclass
class SessionState:
    """The session as its stream says it is now."""

    id: str
    forum_id: str
    title: str
    kind: str
    scheduled_at: datetime
    venue: str
    modality: str
    number: int | None
    action_plan_id: str | None
    agenda: list[dict[str, Any]]
    cancellation_reason: str | None = None
    cancelled: bool = False
    reschedulings: list[Rescheduling] = field(default_factory=list)
    announcement: dict[str, Any] | None = None
    held_at: datetime | None = None
    attendance: list[dict[str, Any]] = field(default_factory=list)
    public_attendees: int | None = None
    minutes: dict[str, Any] | None = None
    corrections: list[Correction] = field(default_factory=list)
    version: int = 0

    @property
    def status(self) -> str:
        return "cancelled" if self.cancelled else "held" if self.held_at is not None else "scheduled"

    def held_day(self, tz: str) -> date | None:
        """The forum's day the session was held on (None when not held)."""
        return local_day(self.held_at, tz) if self.held_at else None


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def fold(events: Iterable[RecordedEvent]) -> SessionState | None:
    """The session's state from its stream (None for an empty stream or one that is not a session's)."""
    state: SessionState | None = None
    for e in events:
        d = e.data
        if e.type == "SessionScheduled":
            state = SessionState(
                d["session_id"], d["forum_id"], d["title"], d["kind"], _instant(d["scheduled_at"]),
                d["venue"], d["modality"], d["number"], d["action_plan_id"], list(d["agenda"]))
        elif state is None:
            return None
        elif e.type == "SessionAnnounced":
            _note_correction(state, "announcement", state.announcement, d, e)
            state.announcement = {"announced_on": date.fromisoformat(d["announced_on"]),
                                  "channels": d["channels"], "materials": d["materials"]}
        elif e.type == "SessionRescheduled":
            state.reschedulings.append(Rescheduling(_instant(d["previous_scheduled_at"]),
                                                    _instant(d["scheduled_at"]), d["reason"]))
            state.scheduled_at = _instant(d["scheduled_at"])
        elif e.type == "SessionCancelled":
            state.cancelled, state.cancellation_reason = True, d["reason"]
        elif e.type == "SessionHeld":
            _note_correction(state, "record", state.held_at, d, e)
            state.held_at, state.attendance = _instant(d["held_at"]), list(d["attendance"])
            state.public_attendees = d["public_attendees"]
        elif e.type == "MinutesRecorded":
            _note_correction(state, "minutes", state.minutes, d, e)
            state.minutes = {"document": d["document"], "approved_on": date.fromisoformat(d["approved_on"]),
                             "signed_by": d["signed_by"]}
        if state is not None:
            state.version = e.stream_version
    return state


def _note_correction(state: SessionState, of: str, previous: object, d: dict[str, Any],
                     e: RecordedEvent) -> None:
    if previous is not None and d.get("correction_reason"):
        state.corrections.append(Correction(of, d["correction_reason"], e.position, e.recorded_at))


# -- shared checks -----------------------------------------------------------------------------------


def correction_reason(existing: object, cmd: dict[str, Any], what: str) -> str | None:
    """The reason of a correction; a first recording must not be one, a repetition must (409)."""
    reason = (cmd.get("correction") or {}).get("reason")
    if existing is None and reason:
        raise Conflict(f"nothing to correct yet ({what}): record it without a correction",
                       {"correction": [f"nothing recorded yet ({what})"]})
    if existing is not None and not reason:
        raise Conflict(f"{what[0].upper()}{what[1:]}: already recorded; send a correction with a reason",
                       {"correction": ["required to replace what is already recorded"]})
    return reason


def _not_cancelled(session: SessionState, doing: str) -> None:
    if session.cancelled:
        raise Conflict(f"the session was cancelled ({session.cancellation_reason}); cannot {doing}")


def _no_duplicates(ids: list[str | None], field_name: str, key: str = "") -> None:
    """Refuse a value listed twice, naming the repeat by its place in the whole list (None: an entry without one)."""
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value is None:
            continue
        if value in seen:
            where = f"{field_name}.{i}{'.' + key if key else ''}"
            raise InvalidField(where, f"{value} is listed more than once")
        seen.add(value)


# -- decisions ---------------------------------------------------------------------------------------


def schedule(forum: ForumState, session_id: str, cmd: dict[str, Any], now: datetime,
             plan_forum: str | None) -> list[NewEvent]:
    """A session is scheduled (a plan: it may be future). `plan_forum` is the forum of the named plan."""
    from tracker.domain.streams import PLAN  # (streams imports this module, for its fold)

    forum.require_open_on(local_day(cmd["scheduled_at"], forum.timezone), "scheduled_at")
    plan_id = cmd.get("action_plan_id")
    if plan_id is not None and (not PLAN.matches(plan_id) or plan_forum != forum.id):
        raise InvalidField("action_plan_id", f"{plan_id} is not an action plan of this forum")
    agenda = []
    for i, item in enumerate(cmd.get("agenda") or []):
        org_id = item.get("proposed_by_organization")
        if org_id is not None and org_id not in forum.organizations:
            raise InvalidField(f"agenda.{i}.proposed_by_organization",
                               f"{org_id} is not an organization of this forum")
        agenda.append({"title": item["title"].strip(), "proposed_by_organization": org_id})
    event = SessionScheduled(
        session_id, forum.id, cmd["title"].strip(), cmd["kind"], _iso(cmd["scheduled_at"]),
        cmd["venue"].strip(), cmd["modality"], cmd.get("number"), plan_id, agenda)
    return [NewEvent(event, occurred(forum, cmd, now))]


def announce(forum: ForumState, session: SessionState, cmd: dict[str, Any], now: datetime) -> list[NewEvent]:
    """The invitation went out; not for a cancelled session, nor dated after the session was held."""
    day = not_future_day("announced_on", cmd["announced_on"], forum.timezone, now)
    forum.require_open_on(day, "announced_on")
    _not_cancelled(session, "announce it")
    held = session.held_day(forum.timezone)
    if held is not None and day > held:
        raise Conflict(f"announced_on: {day} is after the session was held on {held}",
                       {"announced_on": [f"after the session was held on {held}"]})
    reason = correction_reason(session.announcement, cmd, "announcement")
    materials = list(cmd.get("materials") or [])
    event = SessionAnnounced(session.id, day.isoformat(), list(cmd["channels"]), materials, reason)
    return [NewEvent(event, forum.at(day))]


def reschedule(forum: ForumState, session: SessionState, cmd: dict[str, Any],
               now: datetime) -> list[NewEvent]:
    """The session moves to another time; only while it is still to be held."""
    _not_cancelled(session, "reschedule it")
    if session.held_at is not None:
        held = session.held_at.astimezone(zone(forum.timezone)).isoformat()
        raise Conflict(f"the session was already held at {held}; it cannot be moved")
    to = cmd["scheduled_at"]
    forum.require_open_on(local_day(to, forum.timezone), "scheduled_at")
    if to == session.scheduled_at:
        raise Conflict("scheduled_at: the session is already scheduled at that time",
                       {"scheduled_at": ["the session is already scheduled at that time"]})
    event = SessionRescheduled(session.id, _iso(session.scheduled_at), _iso(to), cmd.get("reason"))
    return [NewEvent(event, occurred(forum, cmd, now))]


def cancel(forum: ForumState, session: SessionState, cmd: dict[str, Any], now: datetime) -> list[NewEvent]:
    """The session is called off; not once held, and once only."""
    if session.cancelled:
        raise Conflict(f"the session was already cancelled ({session.cancellation_reason})")
    if session.held_at is not None:
        held = session.held_at.astimezone(zone(forum.timezone)).isoformat()
        raise Conflict(f"the session was held at {held}; a held session cannot be cancelled")
    return [NewEvent(SessionCancelled(session.id, cmd["reason"]), occurred(forum, cmd, now))]


def hold(forum: ForumState, session: SessionState, cmd: dict[str, Any], now: datetime) -> list[NewEvent]:
    """The session took place: attendance resolved against the roster of that day (sector by organization)."""
    held_at = not_future_instant("held_at", cmd["held_at"], now)
    day = local_day(held_at, forum.timezone)
    forum.require_open_on(day, "held_at")
    entries = cmd.get("attendance") or []
    _no_duplicates([e.get("representative_id") for e in entries], "attendance", "representative_id")
    _not_cancelled(session, "record it as held")
    reason = correction_reason(session.held_at, cmd, "record of the session")
    if session.announcement and session.announcement["announced_on"] > day:
        announced = session.announcement["announced_on"]
        raise Conflict(f"held_at: {day} is before the session was announced on {announced}",
                       {"held_at": [f"before the announcement of {announced}"]})
    if session.minutes and session.minutes["approved_on"] < day:
        approved = session.minutes["approved_on"]
        raise Conflict(f"held_at: {day} is after the minutes were approved on {approved}",
                       {"held_at": [f"after the minutes were approved on {approved}"]})
    attendance = [_attendee(forum, session.id, entry, day, i) for i, entry in enumerate(entries)]
    event = SessionHeld(session.id, _iso(held_at), attendance, cmd.get("public_attendees"), reason)
    return [NewEvent(event, held_at)]


def _attendee(forum: ForumState, session_id: str, entry: dict[str, Any], day: date, i: int) -> dict[str, Any]:
    """A representative as the roster says on `day` (so sectors can be counted later), or a guest as given: a
    person of their own (`per_<session id>_<place>`) whose name can be forgotten."""
    from tracker.domain.streams import PERSON  # (streams imports this module, for its fold)

    rep_id = entry.get("representative_id")
    if rep_id:
        rep = forum.require_current_representative(rep_id, day, f"attendance.{i}.representative_id")
        org = forum.organizations[rep.organization_id]
        return {"representative_id": rep.id, "organization_id": org.id, "sector": org.sector}
    organization = (entry.get("organization") or "").strip() or None
    return {"person_id": PERSON.id_from(session_id, i), "name": entry["name"].strip(), "organization": organization,
            "sector": entry["sector"]}


def record_minutes(forum: ForumState, session: SessionState, cmd: dict[str, Any],
                   now: datetime) -> list[NewEvent]:
    """Minutes of a held session were approved (not before the day it was held), signed by current members."""
    day = not_future_day("approved_on", cmd["approved_on"], forum.timezone, now)
    signers = list(cmd.get("signed_by") or [])
    _no_duplicates(signers, "signed_by")
    _not_cancelled(session, "record minutes")
    held = session.held_day(forum.timezone)
    if held is None:
        raise Conflict("the session has not been recorded as held; record it before its minutes")
    if day < held:
        raise Conflict(f"approved_on: {day} is before the session was held on {held}",
                       {"approved_on": [f"before the session was held on {held}"]})
    reason = correction_reason(session.minutes, cmd, "minutes")
    for i, rep_id in enumerate(signers):
        forum.require_current_representative(rep_id, day, f"signed_by.{i}")
    event = MinutesRecorded(session.id, dict(cmd["document"]), day.isoformat(), signers, reason)
    return [NewEvent(event, forum.at(day))]
