"""A session of the forum: scheduled, announced, moved or cancelled, held with its attendance, and minuted.

The announcement, the record of the session and its minutes are recordings: once made, a repetition must
say it is a correction (with a reason); the later event supersedes the earlier, and both stay in the stream.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, Self

from events import NewEvent, RecordedEvent
from events.catalog.sessions import (
    MinutesRecorded,
    SessionAnnounced,
    SessionCancelled,
    SessionHeld,
    SessionRescheduled,
    SessionScheduled,
)
from tracker.domain import commands
from tracker.domain.commands import Document, FlatCommand, reason_of, strings
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
            published = d.get("published_on")
            state.minutes = {"document": d["document"], "approved_on": date.fromisoformat(d["approved_on"]),
                             "signed_by": d["signed_by"],
                             "published_on": date.fromisoformat(published) if published else None,
                             "comments": list(d.get("comments", ()))}
        if state is not None:
            state.version = e.stream_version
    return state


def _note_correction(state: SessionState, of: str, previous: object, d: dict[str, Any],
                     e: RecordedEvent) -> None:
    if previous is not None and d.get("correction_reason"):
        state.corrections.append(Correction(of, d["correction_reason"], e.position, e.recorded_at))


# -- shared checks -----------------------------------------------------------------------------------


def correction_reason(existing: object, correction: commands.Correction | None, what: str) -> str | None:
    """The reason of a correction; a first recording must not be one, a repetition must (409)."""
    reason = reason_of(correction)
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


def _no_duplicates(ids: Sequence[str | None], field_name: str, key: str = "") -> None:
    """Refuse a value listed twice, naming the repeat by its place in the whole list (None: an entry without one)."""
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value is None:
            continue
        if value in seen:
            where = f"{field_name}.{i}{'.' + key if key else ''}"
            raise InvalidField(where, f"{value} is listed more than once")
        seen.add(value)


# -- commands ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """An item of a session's agenda, perhaps proposed by a member organization, perhaps presenting the progress
    of some commitments of the forum's plans (a review of progress with civil society, S.implementation)."""

    title: str
    proposed_by_organization: str | None = None
    presents_progress_of: tuple[str, ...] = ()

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["title"], data.get("proposed_by_organization"), strings(data.get("presents_progress_of")))


@dataclass(frozen=True, slots=True)
class ScheduleSession:
    """Schedule a session of the forum (it may be in the future)."""

    title: str
    kind: str
    scheduled_at: datetime
    venue: str
    modality: str
    number: int | None = None
    action_plan_id: str | None = None
    agenda: tuple[AgendaItem, ...] = ()
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["title"], data["kind"], data["scheduled_at"], data["venue"], data["modality"],
                   data.get("number"), data.get("action_plan_id"),
                   tuple(AgendaItem.of(item) for item in data.get("agenda") or ()),
                   data.get("occurred_on"), data.get("occurred_at"))


@dataclass(frozen=True, slots=True)
class AnnounceSession:
    """Record (or correct) that the invitation to a session went out, with its materials."""

    announced_on: date
    channels: tuple[str, ...]
    materials: tuple[Document, ...] = ()
    correction: commands.Correction | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["announced_on"], strings(data["channels"]),
                   tuple(Document.of(m) for m in data.get("materials") or ()),
                   commands.Correction.maybe(data.get("correction")))


@dataclass(frozen=True, slots=True)
class RescheduleSession(FlatCommand):
    """Move a session still to be held to another time."""

    scheduled_at: datetime
    reason: str | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CancelSession(FlatCommand):
    """Call a session off."""

    reason: str
    occurred_on: date | None = None
    occurred_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class RepresentativeAttendee:
    """A representative who attended, named by id (organization and sector come from the roster)."""

    representative_id: str


@dataclass(frozen=True, slots=True)
class GuestAttendee:
    """A guest who attended, as given."""

    name: str
    sector: str
    organization: str | None = None


Attendee = RepresentativeAttendee | GuestAttendee


def attendee(data: Mapping[str, Any]) -> Attendee:
    """An attendance entry as the contract loads it: a representative by id, or a guest."""
    if data.get("representative_id"):
        return RepresentativeAttendee(data["representative_id"])
    return GuestAttendee(data["name"], data["sector"], data.get("organization"))


@dataclass(frozen=True, slots=True)
class RecordSession:
    """Record (or correct) that a session was held, with its attendance."""

    held_at: datetime
    attendance: tuple[Attendee, ...] = ()
    public_attendees: int | None = None
    correction: commands.Correction | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["held_at"], tuple(attendee(entry) for entry in data.get("attendance") or ()),
                   data.get("public_attendees"), commands.Correction.maybe(data.get("correction")))


@dataclass(frozen=True, slots=True)
class MinutesComment(FlatCommand):
    """A comment collected in the session, perhaps from a member organization."""

    text: str
    organization_id: str | None = None


@dataclass(frozen=True, slots=True)
class RecordMinutes:
    """Record (or correct) the approved minutes of a held session, who signed them and the comments collected."""

    document: Document
    approved_on: date
    signed_by: tuple[str, ...] = ()
    correction: commands.Correction | None = None
    #: The day the minutes were made public, if they were (counts as publishing them for 2.3).
    published_on: date | None = None
    comments: tuple[MinutesComment, ...] = ()

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(Document.of(data["document"]), data["approved_on"], strings(data.get("signed_by")),
                   commands.Correction.maybe(data.get("correction")), data.get("published_on"),
                   tuple(MinutesComment.of(c) for c in data.get("comments") or ()))


# -- decisions ---------------------------------------------------------------------------------------


def schedule(forum: ForumState, session_id: str, cmd: ScheduleSession, now: datetime,
             plan_forum: str | None, commitment_forums: Mapping[str, str | None] | None = None) -> list[NewEvent]:
    """A session is scheduled (a plan: it may be future). `plan_forum` is the forum of the named plan;
    `commitment_forums`, the forum of each commitment an agenda item presents the progress of (None: unknown)."""
    from tracker.domain.streams import COMMITMENT, PLAN  # (streams imports this module, for its fold)

    forum.require_open_on(local_day(cmd.scheduled_at, forum.timezone), "scheduled_at")
    plan_id = cmd.action_plan_id
    if plan_id is not None and (not PLAN.matches(plan_id) or plan_forum != forum.id):
        raise InvalidField("action_plan_id", f"{plan_id} is not an action plan of this forum")
    agenda = []
    for i, item in enumerate(cmd.agenda):
        org_id = item.proposed_by_organization
        if org_id is not None and org_id not in forum.organizations:
            raise InvalidField(f"agenda.{i}.proposed_by_organization",
                               f"{org_id} is not an organization of this forum")
        where = f"agenda.{i}.presents_progress_of"
        repeated = [c for n, c in enumerate(item.presents_progress_of) if c in item.presents_progress_of[:n]]
        if repeated:
            raise InvalidField(where, f"{repeated[0]} is listed more than once")
        for commitment_id in item.presents_progress_of:
            if not COMMITMENT.matches(commitment_id) or (commitment_forums or {}).get(commitment_id) != forum.id:
                raise InvalidField(where, f"{commitment_id} is not a commitment of a plan of this forum")
        entry: dict[str, Any] = {"title": item.title.strip(), "proposed_by_organization": org_id}
        if item.presents_progress_of:
            entry["presents_progress_of"] = list(item.presents_progress_of)
        agenda.append(entry)
    event = SessionScheduled(
        session_id, forum.id, cmd.title.strip(), cmd.kind, _iso(cmd.scheduled_at),
        cmd.venue.strip(), cmd.modality, cmd.number, plan_id, agenda)
    return [NewEvent(event, occurred(forum, cmd, now))]


def announce(forum: ForumState, session: SessionState, cmd: AnnounceSession, now: datetime) -> list[NewEvent]:
    """The invitation went out; not for a cancelled session, nor dated after the session was held."""
    day = not_future_day("announced_on", cmd.announced_on, forum.timezone, now)
    forum.require_open_on(day, "announced_on")
    _not_cancelled(session, "announce it")
    held = session.held_day(forum.timezone)
    if held is not None and day > held:
        raise Conflict(f"announced_on: {day} is after the session was held on {held}",
                       {"announced_on": [f"after the session was held on {held}"]})
    reason = correction_reason(session.announcement, cmd.correction, "announcement")
    materials = [m.to_data() for m in cmd.materials]
    event = SessionAnnounced(session.id, day.isoformat(), list(cmd.channels), materials, reason)
    return [NewEvent(event, forum.at(day))]


def reschedule(forum: ForumState, session: SessionState, cmd: RescheduleSession,
               now: datetime) -> list[NewEvent]:
    """The session moves to another time; only while it is still to be held."""
    _not_cancelled(session, "reschedule it")
    if session.held_at is not None:
        held = session.held_at.astimezone(zone(forum.timezone)).isoformat()
        raise Conflict(f"the session was already held at {held}; it cannot be moved")
    to = cmd.scheduled_at
    forum.require_open_on(local_day(to, forum.timezone), "scheduled_at")
    if to == session.scheduled_at:
        raise Conflict("scheduled_at: the session is already scheduled at that time",
                       {"scheduled_at": ["the session is already scheduled at that time"]})
    event = SessionRescheduled(session.id, _iso(session.scheduled_at), _iso(to), cmd.reason)
    return [NewEvent(event, occurred(forum, cmd, now))]


def cancel(forum: ForumState, session: SessionState, cmd: CancelSession, now: datetime) -> list[NewEvent]:
    """The session is called off; not once held, and once only."""
    if session.cancelled:
        raise Conflict(f"the session was already cancelled ({session.cancellation_reason})")
    if session.held_at is not None:
        held = session.held_at.astimezone(zone(forum.timezone)).isoformat()
        raise Conflict(f"the session was held at {held}; a held session cannot be cancelled")
    return [NewEvent(SessionCancelled(session.id, cmd.reason), occurred(forum, cmd, now))]


def hold(forum: ForumState, session: SessionState, cmd: RecordSession, now: datetime) -> list[NewEvent]:
    """The session took place: attendance resolved against the roster of that day (sector by organization)."""
    held_at = not_future_instant("held_at", cmd.held_at, now)
    day = local_day(held_at, forum.timezone)
    forum.require_open_on(day, "held_at")
    entries = cmd.attendance
    _no_duplicates([e.representative_id if isinstance(e, RepresentativeAttendee) else None for e in entries],
                   "attendance", "representative_id")
    _not_cancelled(session, "record it as held")
    reason = correction_reason(session.held_at, cmd.correction, "record of the session")
    if session.announcement and session.announcement["announced_on"] > day:
        announced = session.announcement["announced_on"]
        raise Conflict(f"held_at: {day} is before the session was announced on {announced}",
                       {"held_at": [f"before the announcement of {announced}"]})
    if session.minutes and session.minutes["approved_on"] < day:
        approved = session.minutes["approved_on"]
        raise Conflict(f"held_at: {day} is after the minutes were approved on {approved}",
                       {"held_at": [f"after the minutes were approved on {approved}"]})
    attendance = [_attendee(forum, session.id, entry, day, i) for i, entry in enumerate(entries)]
    event = SessionHeld(session.id, _iso(held_at), attendance, cmd.public_attendees, reason)
    return [NewEvent(event, held_at)]


def _attendee(forum: ForumState, session_id: str, entry: Attendee, day: date, i: int) -> dict[str, Any]:
    """A representative as the roster says on `day` (so sectors can be counted later), or a guest as given: a
    person of their own (`per_<session id>_<place>`) whose name can be forgotten."""
    from tracker.domain.streams import PERSON  # (streams imports this module, for its fold)

    if isinstance(entry, RepresentativeAttendee):
        rep = forum.require_current_representative(entry.representative_id, day, f"attendance.{i}.representative_id")
        org = forum.organizations[rep.organization_id]
        return {"representative_id": rep.id, "organization_id": org.id, "sector": org.sector}
    organization = (entry.organization or "").strip() or None
    return {"person_id": PERSON.id_from(session_id, i), "name": entry.name.strip(), "organization": organization,
            "sector": entry.sector}


def record_minutes(forum: ForumState, session: SessionState, cmd: RecordMinutes,
                   now: datetime) -> list[NewEvent]:
    """Minutes of a held session were approved (not before the day it was held), signed by current members, and
    perhaps published (not before they were approved)."""
    day = not_future_day("approved_on", cmd.approved_on, forum.timezone, now)
    published = (None if cmd.published_on is None
                 else not_future_day("published_on", cmd.published_on, forum.timezone, now))
    if published is not None and published < day:
        raise InvalidField("published_on", f"{published} is before the minutes were approved on {day}")
    _no_duplicates(cmd.signed_by, "signed_by")
    _not_cancelled(session, "record minutes")
    held = session.held_day(forum.timezone)
    if held is None:
        raise Conflict("the session has not been recorded as held; record it before its minutes")
    if day < held:
        raise Conflict(f"approved_on: {day} is before the session was held on {held}",
                       {"approved_on": [f"before the session was held on {held}"]})
    reason = correction_reason(session.minutes, cmd.correction, "minutes")
    for i, rep_id in enumerate(cmd.signed_by):
        forum.require_current_representative(rep_id, day, f"signed_by.{i}")
    comments = [_comment(forum, comment, i) for i, comment in enumerate(cmd.comments)]
    event = MinutesRecorded(session.id, cmd.document.to_data(), day.isoformat(), list(cmd.signed_by), reason,
                            published.isoformat() if published else None, comments)
    return [NewEvent(event, forum.at(day))]


def _comment(forum: ForumState, comment: MinutesComment, i: int) -> dict[str, Any]:
    """A comment collected in the session as stored: its text trimmed (never blank), its organization one of the
    forum's."""
    text = comment.text.strip()
    if not text:
        raise InvalidField(f"comments.{i}.text", "a comment needs some text")
    org_id = comment.organization_id
    if org_id is not None and org_id not in forum.organizations:
        raise InvalidField(f"comments.{i}.organization_id", f"{org_id} is not an organization of this forum")
    return {"organization_id": org_id, "text": text}
