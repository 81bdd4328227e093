"""A contribution to an action plan: received, considered, answered with reasons, and the answer communicated.

OGP check 2.4 asks whether every contribution got a reasoned response communicated in writing, so the
record keeps each stage with its own date, and corrections beside what they correct.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Self

from events import NewEvent, RecordedEvent
from events.catalog.contributions import (
    ContributionConsidered,
    ContributionReceived,
    ContributionResponded,
    ContributionTextHidden,
    ContributorChannelWithdrawn,
    ResponseCommunicated,
)
from tracker.domain.commands import Correction, FlatCommand, reason_of
from tracker.domain.consultation import ConsultationState
from tracker.domain.errors import Conflict, InvalidField
from tracker.domain.forum import ForumState
from tracker.domain.phones import as_recorded, reachable
from tracker.domain.session import SessionState
from tracker.domain.time import not_future_day, today

#: Communications that count as written feedback (OGP 2.4): a message by WhatsApp or SMS is written too; `in_session`
#: is not.
WRITTEN = frozenset({"email", "letter", "published", "whatsapp", "sms"})
#: The types of a contribution's stream (tracker.domain.streams.CONTRIBUTION).
EVENT_TYPES = tuple(cls.type_name() for cls in (ContributionReceived, ContributionConsidered, ContributionResponded,
                                                 ResponseCommunicated, ContributionTextHidden,
                                                 ContributorChannelWithdrawn))
#: Fields of a public author that only full readers see.
PRIVATE_AUTHOR_FIELDS = ("person_id", "name", "email", "phone", "opt_in")
#: Events of a contribution's stream that only full readers see (they tell of a public author's channels).
PRIVATE_EVENT_TYPES = frozenset({ContributorChannelWithdrawn.type_name()})
ALREADY = "already recorded; send a correction with a reason"


@dataclass
class Consideration:
    considered_on: date
    session_id: str | None
    note: str | None


@dataclass
class Response:
    decision: str
    reasoning: str
    responded_on: date
    commitment_id: str | None
    correction_reason: str | None


@dataclass
class Communication:
    communicated_on: date
    channel: str
    url: str | None
    correction_reason: str | None
    version: int

    @property
    def written(self) -> bool:
        return self.channel in WRITTEN


@dataclass
class TextHiding:
    """The contribution's text is hidden from the public, by the secretariat, for this reason."""

    reason: str
    hidden_on: date


@dataclass
class ContributionState:
    """The contribution as its stream says it is now (corrections applied)."""

    id: str
    action_plan_id: str
    forum_id: str
    text: str
    received_on: date
    channel: str
    author: dict[str, Any]
    session_id: str | None
    commitment_id: str | None
    consultation_id: str | None
    late_when_logged: bool  # the flag frozen in ContributionReceived; `late_against` is what readers show
    received_position: int
    considerations: list[Consideration] = field(default_factory=list)
    response: Response | None = None
    communications: list[Communication] = field(default_factory=list)
    hidden: TextHiding | None = None  # the text is withheld from the public (ContributionTextHidden)
    #: The channels a public author withdrew their agreement to (ContributorChannelWithdrawn); `author["opt_in"]`
    #: holds those still agreed to.
    withdrawn_channels: list[str] = field(default_factory=list)
    version: int = 0

    @property
    def status(self) -> str:
        """The furthest stage reached."""
        if self.communications:
            return "communicated"
        if self.response is not None:
            return "responded"
        return "considered" if self.considerations else "received"

    def late_against(self, consultation: ConsultationState | None) -> bool:
        """Received after its consultation closed, as the record knows the closing day (extensions counted)?

        `consultation` is the consultation's state as the reader sees it (at its `as_of`/`known_at`); without it,
        the flag as it was when the contribution was logged. Not about a consultation: never late."""
        if self.consultation_id is None:
            return False
        if consultation is None or consultation.id != self.consultation_id:
            return self.late_when_logged
        return self.received_on > consultation.closes_on

    @property
    def days_to_response(self) -> int | None:
        return (self.response.responded_on - self.received_on).days if self.response else None

    @property
    def days_to_written_communication(self) -> int | None:
        written = [c.communicated_on for c in self.communications if c.written]
        return (min(written) - self.received_on).days if written else None


def fold(events: Iterable[RecordedEvent]) -> ContributionState | None:
    """The contribution's state from its stream (None for an empty stream or another kind of stream)."""
    state: ContributionState | None = None
    for e in events:
        d = e.data
        if e.type == "ContributionReceived":
            state = ContributionState(
                d["contribution_id"], d["action_plan_id"], d["forum_id"], d["text"],
                date.fromisoformat(d["received_on"]), d["channel"], d["author"], d["session_id"],
                d["commitment_id"], d["consultation_id"], d["late"], e.position)
        elif state is None:
            return None
        elif e.type == "ContributionConsidered":
            state.considerations.append(
                Consideration(date.fromisoformat(d["considered_on"]), d["session_id"], d["note"]))
        elif e.type == "ContributionResponded":
            state.response = Response(d["decision"], d["reasoning"], date.fromisoformat(d["responded_on"]),
                                      d["commitment_id"], d["correction_reason"])
        elif e.type == "ResponseCommunicated":
            kept = [c for c in state.communications if c.version != d["corrects_version"]]
            kept.append(Communication(date.fromisoformat(d["communicated_on"]), d["channel"], d["url"],
                                      d["correction_reason"], e.stream_version))
            state.communications = sorted(kept, key=lambda c: (c.communicated_on, c.version))
        elif e.type == "ContributionTextHidden":
            state.hidden = TextHiding(d["reason"], date.fromisoformat(d["hidden_on"]))
        elif e.type == "ContributorChannelWithdrawn":
            # A new dict: the event's own data (perhaps shared by a cache of the log) is never changed.
            agreed = [c for c in state.author.get("opt_in") or () if c != d["channel"]]
            state.author = {**state.author, "opt_in": agreed}
            state.withdrawn_channels = [*state.withdrawn_channels, d["channel"]]
        if state is not None:
            state.version = e.stream_version
    return state


# -- who wrote it, and who may see it ------------------------------------------------------------------


def author_of(forum: ForumState, author: Author, day: date, contribution_id: str) -> dict[str, Any]:
    """The author as the record keeps it: a representative current on `day` (from the roster), or a member
    of the public, a person of their own (`per_<contribution id>`) whose data can be forgotten."""
    from tracker.domain.streams import PERSON  # (streams imports this module, for its fold)

    if isinstance(author, RepresentativeAuthor):
        rep = forum.require_current_representative(author.representative_id, day,
                                                   "author.representative_id")
        org = forum.organizations[rep.organization_id]
        return {"kind": "representative", "representative_id": rep.id, "name": rep.name,
                "organization_id": org.id, "organization": org.name, "sector": org.sector}
    public: dict[str, Any] = {"kind": "public", "person_id": PERSON.id_from(contribution_id),
                              "name": author.name.strip(), "organization": author.organization,
                              "sector": author.sector, "email": author.email}
    phone = as_recorded(author.phone, forum.country, "author.phone") if author.phone else None
    if author.opt_in and reachable(phone, forum.country) is None:
        raise InvalidField("author.opt_in", "a phone with its country code (or the forum's country) is needed to be "
                                            "answered by WhatsApp or SMS")
    if phone:  # only when given: contributions without one keep their exact bytes
        public["phone"] = phone
        if author.opt_in:
            public["opt_in"] = list(author.opt_in)
    return public


def visible_author(author: dict[str, Any], full: bool, minors: frozenset[str]) -> dict[str, Any]:
    """The author as a reader may see it: full readers everything; the public never a private person's
    name or email, nor a minor representative's name."""
    if full:
        return dict(author)
    if author.get("kind") == "public":
        return {k: v for k, v in author.items() if k not in PRIVATE_AUTHOR_FIELDS}
    if author.get("representative_id") in minors:
        return {**author, "name": None}
    return dict(author)


def withheld_text(hidden: TextHiding) -> str:
    """What partial readers read instead of a text the secretariat hid from the public."""
    return f"(text withheld by the forum's secretariat on {hidden.hidden_on.isoformat()}: {hidden.reason})"


def visible_text(state: ContributionState, full: bool) -> str:
    """The contribution's text as a reader may see it: full readers always; the public unless it was hidden."""
    return state.text if full or state.hidden is None else withheld_text(state.hidden)


def public_data(event_type: str, data: dict[str, Any], minors: frozenset[str],
                hidden: TextHiding | None = None) -> dict[str, Any]:
    """An event's data as anonymous readers of a trail may see it (the text withheld once `hidden`)."""
    if event_type == "ContributionReceived" and isinstance(data.get("author"), dict):
        data = {**data, "author": visible_author(data["author"], False, minors)}
        if hidden is not None:
            data["text"] = withheld_text(hidden)
    return data


# -- commands ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RepresentativeAuthor:
    """A contribution's author who is a representative of the forum (the roster says the rest)."""

    representative_id: str


@dataclass(frozen=True, slots=True)
class PublicAuthor:
    """A contribution's author from the public, as given."""

    name: str
    organization: str | None = None
    sector: str | None = None
    email: str | None = None
    phone: str | None = None
    #: The channels besides email (whatsapp, sms) they agreed to be answered by.
    opt_in: tuple[str, ...] = ()


Author = RepresentativeAuthor | PublicAuthor


def author(data: Mapping[str, Any]) -> Author:
    """The author as the contract loads it: {representative_id}, or a member of the public."""
    if data.get("representative_id"):
        return RepresentativeAuthor(data["representative_id"])
    return PublicAuthor(data["name"], data.get("organization"), data.get("sector"), data.get("email"),
                        data.get("phone"), tuple(dict.fromkeys(data.get("opt_in") or ())))


@dataclass(frozen=True, slots=True)
class ReceiveContribution:
    """Log a contribution to a plan, perhaps made at a session, on a commitment or to a consultation."""

    text: str
    received_on: date
    channel: str
    author: Author
    session_id: str | None = None
    commitment_id: str | None = None
    consultation_id: str | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["text"], data["received_on"], data["channel"], author(data["author"]),
                   data.get("session_id"), data.get("commitment_id"), data.get("consultation_id"))


@dataclass(frozen=True, slots=True)
class ConsiderContribution(FlatCommand):
    """Record that a contribution was discussed, perhaps at a session."""

    considered_on: date
    session_id: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class RespondToContribution:
    """Record (or correct) the reasoned response to a contribution."""

    decision: str
    reasoning: str
    responded_on: date
    commitment_id: str | None = None
    correction: Correction | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["decision"], data["reasoning"], data["responded_on"], data.get("commitment_id"),
                   Correction.maybe(data.get("correction")))


@dataclass(frozen=True, slots=True)
class CommunicateResponse:
    """Record (or correct) that the response was sent or published, by a channel."""

    communicated_on: date
    channel: str
    url: str | None = None
    correction: Correction | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["communicated_on"], data["channel"], data.get("url"), Correction.maybe(data.get("correction")))


@dataclass(frozen=True, slots=True)
class HideContributionText(FlatCommand):
    """Hide a contribution's text from the public (abuse, personal data...), with the reason shown instead."""

    reason: str
    hidden_on: date


# -- decisions ---------------------------------------------------------------------------------------


def _session_allows(session: SessionState, forum: ForumState, day: date, field_name: str) -> None:
    """A contribution cannot be received or discussed in a cancelled session, nor before the forum's day it was
    held on (the session as its stream folds: once cancelled, it stays cancelled)."""
    if session.cancelled:
        raise Conflict(f"session_id: session {session.id} was cancelled",
                       {"session_id": ["the session was cancelled"]})
    held_on = session.held_day(forum.timezone)
    if held_on is not None and day < held_on:
        raise Conflict(f"{field_name}: {day} is before session {session.id} was held on {held_on}",
                       {field_name: [f"before the session was held on {held_on}"]})


def receive(forum: ForumState, plan_id: str, contribution_id: str, cmd: ReceiveContribution,
            session: SessionState | None, consultation: ConsultationState | None,
            now: datetime) -> list[NewEvent]:
    """A contribution is logged. Late contributions to a consultation (after its current closing day, extensions
    counted) are accepted and marked `late`."""
    day = not_future_day("received_on", cmd.received_on, forum.timezone, now)
    forum.require_open_on(day, "received_on")
    author = author_of(forum, cmd.author, day, contribution_id)
    if session is not None:
        _session_allows(session, forum, day, "received_on")
    late = False
    if consultation is not None:
        if day < consultation.opens_on:
            opened = consultation.opens_on
            raise Conflict(f"received_on: {day} is before consultation {consultation.id} opened on {opened}",
                           {"received_on": [f"before the consultation opened on {opened}"]})
        # Real forums accept input after the deadline; the record says so instead of refusing it.
        late = day > consultation.closes_on
    event = ContributionReceived(
        contribution_id, plan_id, forum.id, cmd.text, day.isoformat(), cmd.channel, author,
        cmd.session_id, cmd.commitment_id, cmd.consultation_id, late)
    return [NewEvent(event, forum.at(day))]


def consider(state: ContributionState, forum: ForumState, cmd: ConsiderContribution, session: SessionState | None,
             now: datetime) -> list[NewEvent]:
    """The contribution was discussed; possibly in several sessions, once in each."""
    day = not_future_day("considered_on", cmd.considered_on, forum.timezone, now)
    if day < state.received_on:
        raise Conflict(f"considered_on: {day} is before the contribution was received on {state.received_on}",
                       {"considered_on": [f"before the contribution was received on {state.received_on}"]})
    if session is not None:
        _session_allows(session, forum, day, "considered_on")
        if any(c.session_id == session.id for c in state.considerations):
            raise Conflict(f"the contribution was already considered in session {session.id}",
                           {"session_id": ["already considered in this session"]})
    event = ContributionConsidered(state.id, day.isoformat(), cmd.session_id, cmd.note)
    return [NewEvent(event, forum.at(day))]


def respond(state: ContributionState, forum: ForumState, cmd: RespondToContribution,
            now: datetime) -> list[NewEvent]:
    """The reasoned response; a second one only as a correction with a reason."""
    correction = cmd.correction
    if state.response is None and correction:
        raise Conflict("nothing to correct: no response to this contribution was recorded yet")
    if state.response is not None and not correction:
        raise Conflict(f"a response was {ALREADY}")
    day = not_future_day("responded_on", cmd.responded_on, forum.timezone, now)
    if day < state.received_on:
        raise Conflict(f"responded_on: {day} is before the contribution was received on {state.received_on}",
                       {"responded_on": [f"before the contribution was received on {state.received_on}"]})
    if state.communications and day > state.communications[0].communicated_on:
        first = state.communications[0].communicated_on
        raise Conflict(f"responded_on: {day} is after the response was communicated on {first}; "
                       "correct the communication first",
                       {"responded_on": [f"after the response was communicated on {first}"]})
    event = ContributionResponded(state.id, cmd.decision, cmd.reasoning.strip(), day.isoformat(),
                                  cmd.commitment_id, reason_of(correction))
    return [NewEvent(event, forum.at(day))]


def communicate(state: ContributionState, forum: ForumState, cmd: CommunicateResponse,
                now: datetime) -> list[NewEvent]:
    """The response was sent or published. Several channels are fine; the same channel twice on one day is a
    duplicate unless it is a correction, which supersedes the latest communication on that channel (or,
    when the channel itself was wrong, the latest communication)."""
    if state.response is None:
        raise Conflict("no response to communicate: record the response to this contribution first")
    day = not_future_day("communicated_on", cmd.communicated_on, forum.timezone, now)
    if day < state.response.responded_on:
        raise Conflict(
            f"communicated_on: {day} is before the response was given on {state.response.responded_on}",
            {"communicated_on": [f"before the response was given on {state.response.responded_on}"]})
    correction = cmd.correction
    same_channel = [c for c in state.communications if c.channel == cmd.channel]
    corrects: int | None = None
    if correction:
        if not state.communications:
            raise Conflict("nothing to correct: the response to this contribution was not communicated yet")
        corrects = max(same_channel or state.communications, key=lambda c: c.version).version
    elif any(c.communicated_on == day for c in same_channel):
        raise Conflict(f"a communication by {cmd.channel} on {day} was {ALREADY}")
    event = ResponseCommunicated(state.id, day.isoformat(), cmd.channel, cmd.url,
                                 reason_of(correction), corrects)
    return [NewEvent(event, forum.at(day))]


def withdraw_channel(state: ContributionState, forum: ForumState, channel: str, now: datetime,
                     source: str) -> list[NewEvent]:
    """A public author who left a phone withdraws their agreement to be answered by `channel` (a "BAJA"/"STOP"
    reply through a provider, `source`): recorded today, it occurred now and is honoured at once. Nothing to
    withdraw (not a public author, or not agreed to that channel, or withdrawn already) is a Conflict."""
    if state.author.get("kind") != "public" or channel not in (state.author.get("opt_in") or ()):
        raise Conflict(f"the contribution's author has not agreed to be answered by {channel} (nothing to withdraw)",
                       {"channel": ["not agreed for this channel"]})
    event = ContributorChannelWithdrawn(state.id, channel, today(forum.timezone, now).isoformat(), source)
    return [NewEvent(event, now)]


def hide_text(state: ContributionState, forum: ForumState, cmd: HideContributionText,
              now: datetime) -> list[NewEvent]:
    """The text is withheld from the public from `hidden_on` on; once hidden it stays hidden (409 again)."""
    if state.hidden is not None:
        raise Conflict(f"the text was already hidden on {state.hidden.hidden_on}",
                       {"hidden_on": [f"already hidden on {state.hidden.hidden_on}"]})
    day = not_future_day("hidden_on", cmd.hidden_on, forum.timezone, now)
    if day < state.received_on:
        raise Conflict(f"hidden_on: {day} is before the contribution was received on {state.received_on}",
                       {"hidden_on": [f"before the contribution was received on {state.received_on}"]})
    event = ContributionTextHidden(state.id, cmd.reason.strip(), day.isoformat())
    return [NewEvent(event, forum.at(day))]
