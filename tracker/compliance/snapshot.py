"""The process as it stood: the forum's events filtered by world time (`as_of`) and log time (`known_at`),
folded with the domain's folds.

Only the plan's forum's events are read. `known_at` keeps what had been recorded by then; `as_of` keeps
what had occurred by then, with two exceptions: a stream's first event stays whenever a later event of the
stream stays (a session scheduled after the fact is logged after it was held, yet its record needs it), and
the evaluator's own records (assessments, judgements) are filtered by `known_at` only, since they are a view
of the process, not part of it.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property
from typing import Any

from events import EventStore, Head, RecordedEvent
from tracker.domain.commitment import CommitmentState
from tracker.domain.consultation import ConsultationState
from tracker.domain.contribution import ContributionState
from tracker.domain.errors import DomainError, NotFound
from tracker.domain.forum import ForumState, Organization
from tracker.domain.plan import PlanState
from tracker.domain.session import SessionState
from tracker.domain.streams import COMMITMENT, CONSULTATION, CONTRIBUTION, FORUM, PLAN, SESSION, kind_of_type
from tracker.domain.time import local_day, zone
from tracker.domain.vocabulary import AS_OF_REASONS

#: The evaluator's records: a view of the process, filtered by log time only.
EVALUATOR_TYPES = frozenset({"CheckJudged", "CommitmentAssessed"})
#: Evidence logged this long after it occurred is flagged `logged_late`.
LATE = timedelta(days=30)

#: Why the snapshot is judged at its `as_of` (docs/compliance.md, "The reference date"): the caller asked for it;
#: the plan's submission date; the end of the co-creation window, once passed, for a plan not yet submitted; now.
ASKED, SUBMISSION, WINDOW_END, NOW = AS_OF_REASONS

#: The kinds of stream a snapshot holds (tracker.domain.streams), each folded by its own fold.
KINDS = (FORUM, PLAN, SESSION, COMMITMENT, CONSULTATION, CONTRIBUTION)


def reference(plan: PlanState, today: date) -> tuple[date | None, str]:
    """The day an inception answer describes when no `as_of` is asked, and why: co-creation as of the plan's
    submission; for a plan not submitted, the end of its co-creation window once that has passed; else now
    (None)."""
    if plan.submitted_on is not None:
        return plan.submitted_on, SUBMISSION
    if plan.cocreation_ends_on < today:
        return plan.cocreation_ends_on, WINDOW_END
    return None, NOW


def last_instant(moment: date | datetime | None, tz: str) -> datetime | None:
    """The last instant that counts: an instant itself, or the end of a day in the forum's timezone."""
    if moment is None or isinstance(moment, datetime):
        return moment
    return datetime.combine(moment + timedelta(days=1), time.min, tzinfo=zone(tz)) - timedelta(microseconds=1)


@dataclass
class Snapshot:
    """The plan, its forum and everything around them as the filtered log says."""

    plan: PlanState
    forum: ForumState | None  # None when the forum was not established by as_of
    settings: ForumState  # the forum as known (timezone, policy, language, meeting rule), even before as_of
    sessions: list[SessionState]
    commitments: list[tuple[int, CommitmentState]]  # numbered by the order they were drafted in the log
    consultations: list[ConsultationState]
    contributions: list[ContributionState]
    streams: dict[str, list[RecordedEvent]]
    as_of: datetime | None
    known_at: datetime
    head: Head
    as_of_reason: str = ASKED
    reference_on: date | None = None  # the day judged when `as_of` was not asked (None: now)

    @property
    def tz(self) -> str:
        return self.settings.timezone

    @property
    def reference_day(self) -> date:
        """The forum's day the process is judged at: as_of's, else known_at's (default now)."""
        return local_day(self.as_of or self.known_at, self.tz)

    @property
    def window_end(self) -> date:
        """The end of W, or the reference day when that is earlier (the window is still open)."""
        return min(self.plan.cocreation_ends_on, self.reference_day)

    def in_window(self, day: date | None) -> bool:
        return day is not None and self.plan.in_window(day)

    def held_day(self, s: SessionState) -> date:
        """The forum's day a held session was held on (asked only of held sessions)."""
        day = s.held_day(self.tz)
        assert day is not None, f"session {s.id} was not held"
        return day

    def held_sessions(self) -> list[SessionState]:
        """Sessions recorded as held, in the order they were held."""
        return sorted((s for s in self.sessions if s.status == "held"), key=_held_at)

    def held_in_window(self) -> list[SessionState]:
        """Held sessions in W."""
        return [s for s in self.held_sessions() if self.in_window(self.held_day(s))]

    def members_in_window(self) -> list[Organization]:
        """Organizations that were members at some time during W."""
        if self.forum is None:
            return []
        starts, ends = self.plan.cocreation_starts_on, self.plan.cocreation_ends_on
        return [o for o in self.forum.organizations.values()
                if o.joined_on <= ends and (o.left_on is None or o.left_on >= starts)]

    def sector_of(self, representative_id: str) -> str | None:
        """The sector of a representative's organization."""
        roster = self.forum or self.settings
        rep = roster.representatives.get(representative_id)
        org = roster.organizations.get(rep.organization_id) if rep else None
        return org.sector if org else None

    @cached_property
    def states(self) -> dict[str, Any]:
        """Sessions, commitments and contributions by id (what an evidence summary names)."""
        found: dict[str, Any] = {s.id: s for s in self.sessions}
        found.update((c.id, c) for _, c in self.commitments)
        found.update((c.id, c) for c in self.contributions)
        return found

    def events(self, stream_id: str, type_: str, **match: Any) -> list[RecordedEvent]:
        """The kept events of a stream of one type whose data has the given values, oldest first."""
        return [e for e in self.streams.get(stream_id, []) if e.type == type_
                and all(e.data.get(k) == v for k, v in match.items())]

    def last(self, stream_id: str, type_: str, **match: Any) -> RecordedEvent | None:
        """The latest kept such event (for a recording: the one that stands after corrections)."""
        found = self.events(stream_id, type_, **match)
        return found[-1] if found else None


def _held_at(s: SessionState) -> datetime:
    """A held session's instant (a session whose status is `held` has one)."""
    assert s.held_at is not None, f"session {s.id} was not held"
    return s.held_at


def build(store: EventStore, plan_id: str, *, as_of: date | datetime | None = None,
          known_at: date | datetime | None = None, now: datetime | None = None,
          default_reference: bool = True) -> Snapshot:
    """The snapshot of a plan's process; NotFound when no plan with that id was known at `known_at`.

    Without `as_of`, the process is judged at its reference date (`reference`, from the plan as known at
    `known_at`); `default_reference=False` judges it as of now instead."""
    forum_id = store.tenant_of(plan_id)
    if forum_id is None:
        raise NotFound(f"no action plan has the id {plan_id}")
    head = store.head()
    logged = [e for e in store.read_tenant(forum_id) if e.position <= head.position]
    established = next((e for e in logged if e.type == "ForumEstablished"), None)
    if established is None:
        raise NotFound(f"no action plan has the id {plan_id}")
    tz = established.data["timezone"]
    known_limit = last_instant(known_at, tz) or now or store.clock()
    known = [e for e in logged if e.recorded_at <= known_limit]
    if not any(e.stream_id == plan_id and e.type == "ActionPlanOpened" for e in known):
        raise NotFound(f"no action plan has the id {plan_id} (as known at {known_limit.isoformat()})")
    known_streams = _by_stream(known)  # grouped once: the reference date, the filter and the settings read it
    reason, reference_on = ASKED, None
    if as_of is None:
        reason = NOW
        if default_reference:
            known_plan = PLAN.fold(known_streams.get(plan_id, []))
            if isinstance(known_plan, PlanState):
                reference_on, reason = reference(known_plan, local_day(known_limit, tz))
                as_of = reference_on
    as_of_limit = last_instant(as_of, tz)
    kept = known if as_of_limit is None else _occurred_by(known, known_streams, as_of_limit, plan_id)
    streams = _by_stream(kept)
    states = {sid: _safe_fold(evs) for sid, evs in streams.items()}
    settings = FORUM.fold(known_streams.get(forum_id, []))
    the_plan = states.get(plan_id)
    if not isinstance(the_plan, PlanState) or settings is None:
        raise NotFound(f"no action plan has the id {plan_id}")
    order = [e.stream_id for e in known if e.type == "CommitmentDrafted" and e.data["action_plan_id"] == plan_id]
    commitments = [(n, states[cid]) for n, cid in enumerate(order, start=1)
                   if isinstance(states.get(cid), CommitmentState)]
    return Snapshot(
        plan=the_plan,
        forum=states.get(forum_id) if isinstance(states.get(forum_id), ForumState) else None,
        settings=settings,
        sessions=[s for s in states.values() if isinstance(s, SessionState)],
        commitments=commitments,
        consultations=[c for c in states.values()
                       if isinstance(c, ConsultationState) and c.action_plan_id == plan_id],
        contributions=[c for c in states.values()
                       if isinstance(c, ContributionState) and c.action_plan_id == plan_id],
        streams=streams, as_of=as_of_limit, known_at=known_limit, head=head, as_of_reason=reason,
        reference_on=reference_on,
    )


def _by_stream(events: Iterable[RecordedEvent]) -> dict[str, list[RecordedEvent]]:
    streams: dict[str, list[RecordedEvent]] = {}
    for e in events:
        streams.setdefault(e.stream_id, []).append(e)
    return streams


def _occurred_by(known: list[RecordedEvent], known_streams: dict[str, list[RecordedEvent]], limit: datetime,
                 plan_id: str) -> list[RecordedEvent]:
    """The known events (also given by stream) that had occurred by `limit`, each kept stream with its first
    event."""
    keep: set[int] = set()
    for stream_id, evs in known_streams.items():
        world = [e.position for e in evs if e.type not in EVALUATOR_TYPES and e.occurred_at <= limit]
        if world or stream_id == plan_id:
            keep.add(evs[0].position)
            keep.update(world)
            keep.update(e.position for e in evs if e.type in EVALUATOR_TYPES)
    return [e for e in known if e.position in keep]


def _safe_fold(events: list[RecordedEvent]) -> Any:
    """The stream's state by its domain fold; None for a stream of no known kind or one a filter broke."""
    kind = kind_of_type(events[0].type)
    if kind is None or kind not in KINDS:
        return None
    try:
        return kind.fold(events)
    except (KeyError, ValueError, DomainError):  # a filtered stream the fold cannot read: leave it out
        return None
