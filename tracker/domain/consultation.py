"""A public consultation on an action plan: when it opens, when it closes, and each extension of its deadline.

Each consultation has a stream of its own (tenant: the forum).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from events import NewEvent, RecordedEvent
from events.catalog.plans import ConsultationExtended, ConsultationOpened
from tracker.domain.commands import FlatCommand
from tracker.domain.errors import Conflict
from tracker.domain.forum import ForumState, occurred
from tracker.domain.plan import PlanState
from tracker.domain.time import today

#: The types of a consultation's stream (tracker.domain.streams.CONSULTATION).
EVENT_TYPES = tuple(cls.type_name() for cls in (ConsultationOpened, ConsultationExtended))


@dataclass
class Extension:
    """One move of the deadline, from `previous_closes_on` to `closes_on`."""

    closes_on: date
    previous_closes_on: date
    reason: str
    requested_by_contribution: str | None
    occurred_at: datetime
    recorded_at: datetime


@dataclass
class ConsultationState:
    """The consultation as its stream says it is now."""

    id: str
    forum_id: str
    action_plan_id: str
    opens_on: date
    closes_on: date
    channel: str
    url: str | None
    extensions: list[Extension] = field(default_factory=list)
    version: int = 0

    @property
    def original_closes_on(self) -> date:
        """The closing date it opened with."""
        return self.extensions[0].previous_closes_on if self.extensions else self.closes_on


def fold(events: Iterable[RecordedEvent]) -> ConsultationState | None:
    """The consultation's state from its stream (None when the stream is not a consultation's)."""
    state: ConsultationState | None = None
    for e in events:
        d = e.data
        if e.type == "ConsultationOpened":
            state = ConsultationState(d["consultation_id"], e.tenant_id, d["action_plan_id"],
                                      date.fromisoformat(d["opens_on"]), date.fromisoformat(d["closes_on"]),
                                      d["channel"], d["url"])
        elif state is None:
            continue
        elif e.type == "ConsultationExtended":
            state.extensions.append(Extension(
                date.fromisoformat(d["closes_on"]), date.fromisoformat(d["previous_closes_on"]), d["reason"],
                d["requested_by_contribution"], e.occurred_at, e.recorded_at))
            state.closes_on = date.fromisoformat(d["closes_on"])
        if state is not None:
            state.version = e.stream_version
    return state


# -- commands ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenConsultation(FlatCommand):
    """Open a public consultation on a plan (its days may be in the future)."""

    opens_on: date
    closes_on: date
    channel: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ExtendConsultation(FlatCommand):
    """Move a consultation's deadline later, perhaps because a contribution asked for it."""

    closes_on: date
    reason: str
    requested_by_contribution: str | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None


# -- decisions ---------------------------------------------------------------------------------------


def open_consultation(forum: ForumState, plan: PlanState, consultation_id: str, cmd: OpenConsultation,
                      now: datetime) -> list[NewEvent]:
    """A public consultation opens. Dates may be future; it occurs at `opens_on`, or now if that is ahead."""
    opens_on, closes_on = cmd.opens_on, cmd.closes_on
    forum.require_open_on(opens_on, "opens_on")
    if closes_on < opens_on:
        raise Conflict("closes_on: a consultation cannot close before it opens",
                       {"closes_on": ["must not be before opens_on"]})
    event = ConsultationOpened(consultation_id, plan.id, opens_on.isoformat(), closes_on.isoformat(),
                               cmd.channel, cmd.url)
    return [NewEvent(event, forum.at(opens_on) if opens_on <= today(forum.timezone, now) else now)]


def extend(state: ConsultationState, forum: ForumState, cmd: ExtendConsultation, now: datetime) -> list[NewEvent]:
    """The deadline moves: only later than the current closing date."""
    closes_on = cmd.closes_on
    if closes_on <= state.closes_on:
        raise Conflict(f"closes_on: an extension must move the deadline later than {state.closes_on}",
                       {"closes_on": [f"must be later than the current closing date {state.closes_on}"]})
    event = ConsultationExtended(state.id, closes_on.isoformat(), state.closes_on.isoformat(), cmd.reason,
                                 cmd.requested_by_contribution)
    return [NewEvent(event, occurred(forum, cmd, now))]
