"""An action plan: its period and co-creation window, and what happens to the plan as a whole.

Its stream holds its submission, publications, endorsements and the evaluator's judgements; commitments
and consultations have streams of their own (tracker.domain.commitment, .consultation)."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Self

from events import NewEvent, RecordedEvent
from events.catalog.plans import (
    ActionPlanOpened,
    ActionPlanSubmitted,
    CheckJudged,
    EndorsementWithdrawn,
    PlanEndorsed,
    PlanFinalAssessed,
    PublicationMade,
    RecommendationAnswered,
)
from tracker.domain.commands import Document, FlatCommand, strings
from tracker.domain.errors import Conflict, InvalidField, NotFound
from tracker.domain.forum import ForumState, occurred
from tracker.domain.session import SessionState
from tracker.domain.time import not_future_day, parse_day, today
from tracker.domain.vocabulary import ANSWERS, INCLUSIVENESS, SESSION_PUBLICATIONS

#: The types of a plan's stream (tracker.domain.streams.PLAN).
EVENT_TYPES = tuple(cls.type_name() for cls in (ActionPlanOpened, ActionPlanSubmitted, PublicationMade,
                                                 PlanEndorsed, EndorsementWithdrawn, CheckJudged,
                                                 PlanFinalAssessed, RecommendationAnswered))
PLAN_CHECKS = ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
               "S.cadence", "S.six_months", "S.alternates", "S.implementation", "S.response_time",
               "S.end_assessment")
COMMITMENT_CHECK = re.compile(r"3\.([1-9][0-9]{0,2})\.([1-5])")


def is_check(check: str) -> bool:
    """Is `check` a check of the inception report (1.1 ... 2.6, 3.<n>.<k>, S.*)?"""
    return check in PLAN_CHECKS or COMMITMENT_CHECK.fullmatch(check) is not None


def answers_for(check: str) -> tuple[str, ...]:
    """The answers a check admits: 2.6 asks how inclusive the forum is, every other check yes/no/unclear."""
    return INCLUSIVENESS if check == "2.6" else ANSWERS


@dataclass
class Publication:
    id: str
    kind: str
    title: str
    url: str
    published_on: date
    session_id: str | None
    sha256: str | None


@dataclass
class Endorsement:
    """An endorsement; it stands until withdrawn."""

    id: str
    endorsed_on: date
    session_id: str | None
    signed_by: list[str]
    document: dict[str, Any] | None
    commitment_revisions: dict[str, int]
    withdrawn_on: date | None = None
    withdrawal_reason: str | None = None

    @property
    def standing(self) -> bool:
        return self.withdrawn_on is None


@dataclass
class Judgement:
    """An evaluator's answer to a check; not `current` once a later judgement of the check supersedes it."""

    id: str
    check: str
    answer: str
    explanation: str
    references: list[str]
    commitment_id: str | None
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str
    current: bool = True


@dataclass
class FinalAssessment:
    """The evaluator's final assessment of the plan; a correction supersedes the previous one."""

    summary: str
    recommendations: list[str]
    correction_reason: str | None
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str


@dataclass
class RecommendationAnswer:
    """How this plan answers a recommendation made on an earlier plan of its forum; a later answer to the same
    recommendation supersedes."""

    recommendation_id: str
    response: str
    commitment_id: str | None
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str


@dataclass
class PlanState:
    """The action plan as its stream says it is now."""

    id: str
    forum_id: str
    title: str
    period_start: date
    period_end: date
    cocreation_starts_on: date
    cocreation_ends_on: date
    version: int = 0
    submitted_on: date | None = None
    submission_document: dict[str, Any] | None = None
    publications: list[Publication] = field(default_factory=list)
    endorsements: list[Endorsement] = field(default_factory=list)
    judgements: list[Judgement] = field(default_factory=list)
    #: Every final assessment of the plan, in log order (the last stands).
    final_assessments: list[FinalAssessment] = field(default_factory=list)
    #: The answer that stands to each recommendation of an earlier plan, by recommendation id, in the order first
    #: answered.
    recommendation_answers: dict[str, RecommendationAnswer] = field(default_factory=dict)

    @property
    def final_assessment(self) -> FinalAssessment | None:
        """The final assessment that stands (the latest), if any."""
        return self.final_assessments[-1] if self.final_assessments else None

    def in_window(self, day: date) -> bool:
        """Is `day` inside the co-creation window W?"""
        return self.cocreation_starts_on <= day <= self.cocreation_ends_on

    def standing_endorsement(self) -> Endorsement | None:
        """The endorsement that stands now, if any (at most one does)."""
        return next((e for e in self.endorsements if e.standing), None)

    def endorsement(self, endorsement: str) -> Endorsement:
        """The endorsement, or NotFound."""
        found = next((e for e in self.endorsements if e.id == endorsement), None)
        if found is None:
            raise NotFound(f"no endorsement has the id {endorsement}")
        return found


def fold(events: Iterable[RecordedEvent]) -> PlanState | None:
    """The plan's state from its stream (None for an empty stream)."""
    state: PlanState | None = None
    for e in events:
        d = e.data
        if e.type == "ActionPlanOpened":
            state = PlanState(
                d["action_plan_id"], d["forum_id"], d["title"], date.fromisoformat(d["period_start"]),
                date.fromisoformat(d["period_end"]), date.fromisoformat(d["cocreation_starts_on"]),
                date.fromisoformat(d["cocreation_ends_on"]),
            )
        elif state is None:
            continue
        elif e.type == "ActionPlanSubmitted":
            state.submitted_on, state.submission_document = parse_day(d["submitted_on"]), d["document"]
        elif e.type == "PublicationMade":
            state.publications.append(Publication(
                d["publication_id"], d["kind"], d["title"], d["url"], date.fromisoformat(d["published_on"]),
                d["session_id"], d["sha256"]))
        elif e.type == "PlanEndorsed":
            state.endorsements.append(Endorsement(
                d["endorsement_id"], date.fromisoformat(d["endorsed_on"]), d["session_id"], d["signed_by"],
                d["document"], d["commitment_revisions"]))
        elif e.type == "EndorsementWithdrawn":
            given = state.endorsement(d["endorsement_id"])
            given.withdrawn_on, given.withdrawal_reason = parse_day(d["withdrawn_on"]), d["reason"]
        elif e.type == "CheckJudged":
            for earlier in state.judgements:  # a later judgement of the same check supersedes
                earlier.current = earlier.current and earlier.check != d["check"]
            state.judgements.append(Judgement(
                d["judgement_id"], d["check"], d["answer"], d["explanation"], d["references"],
                d["commitment_id"], e.occurred_at, e.recorded_at, e.recorded_by))
        elif e.type == "PlanFinalAssessed":
            state.final_assessments.append(FinalAssessment(
                d["summary"], list(d["recommendations"]), d["correction_reason"], e.occurred_at, e.recorded_at,
                e.recorded_by))
        elif e.type == "RecommendationAnswered":
            state.recommendation_answers[d["recommendation_id"]] = RecommendationAnswer(
                d["recommendation_id"], d["response"], d["commitment_id"], e.occurred_at, e.recorded_at,
                e.recorded_by)
        if state is not None:
            state.version = e.stream_version
    return state


# -- commands ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpenActionPlan(FlatCommand):
    """Open the co-creation of an action plan: its period and its co-creation window (both may be future)."""

    title: str
    period_start: date
    period_end: date
    cocreation_starts_on: date
    cocreation_ends_on: date


@dataclass(frozen=True, slots=True)
class SubmitPlan:
    """Submit the plan to OGP, perhaps with the document submitted."""

    submitted_on: date
    document: Document | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["submitted_on"], Document.maybe(data.get("document")))


@dataclass(frozen=True, slots=True)
class MakePublication(FlatCommand):
    """Record that a page or document was made public; a session's agenda, materials or minutes may name it."""

    kind: str
    title: str
    url: str
    published_on: date
    session_id: str | None = None
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class EndorsePlan:
    """The forum endorses the plan, perhaps at a session, signed by its representatives."""

    endorsed_on: date
    session_id: str | None = None
    signed_by: tuple[str, ...] = ()
    document: Document | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["endorsed_on"], data.get("session_id"), strings(data.get("signed_by")),
                   Document.maybe(data.get("document")))


@dataclass(frozen=True, slots=True)
class WithdrawEndorsement(FlatCommand):
    """An endorsement stops standing."""

    withdrawn_on: date
    reason: str


@dataclass(frozen=True, slots=True)
class JudgeCheck:
    """The evaluator answers a check of the inception report, explaining why, with references."""

    check: str
    answer: str
    explanation: str
    references: tuple[str, ...] = ()
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["check"], data["answer"], data["explanation"], strings(data.get("references")),
                   data.get("occurred_on"), data.get("occurred_at"))


# -- decisions ---------------------------------------------------------------------------------------


def open_plan(forum: ForumState, plan_id: str, cmd: OpenActionPlan, now: datetime) -> list[NewEvent]:
    """Co-creation of a plan opens. The window starts no earlier than the forum; the period may be future.

    The event occurs when the window starts, or now if the window starts in the future (a plan opened
    ahead of time is a plan announced now).
    """
    starts = cmd.cocreation_starts_on
    forum.require_open_on(starts, "cocreation_starts_on")
    if cmd.period_end <= cmd.period_start:
        raise Conflict("period_end: the plan's period must end after it starts",
                       {"period_end": ["must be after period_start"]})
    if cmd.cocreation_ends_on < starts:
        raise Conflict("cocreation_ends_on: the co-creation window must not end before it starts",
                       {"cocreation_ends_on": ["must not be before cocreation_starts_on"]})
    event = ActionPlanOpened(
        plan_id, forum.id, cmd.title.strip(), cmd.period_start.isoformat(), cmd.period_end.isoformat(),
        starts.isoformat(), cmd.cocreation_ends_on.isoformat(),
    )
    occurred_at = forum.at(starts) if starts <= today(forum.timezone, now) else now
    return [NewEvent(event, occurred_at)]


def _data(document: Document | None) -> dict[str, Any] | None:
    """A document as events store it (None when there is none)."""
    return document.to_data() if document is not None else None


def _not_before_cocreation(plan: PlanState, day: date, field_name: str) -> None:
    if day < plan.cocreation_starts_on:
        started = plan.cocreation_starts_on
        raise Conflict(f"{field_name}: {day} is before the plan's co-creation started on {started}",
                       {field_name: [f"before co-creation started on {started}"]})


def submit(plan: PlanState, forum: ForumState, cmd: SubmitPlan, now: datetime) -> list[NewEvent]:
    """The plan is submitted to OGP: once, not before its co-creation started."""
    if plan.submitted_on is not None:
        raise Conflict(f"the plan was already submitted on {plan.submitted_on}")
    day = not_future_day("submitted_on", cmd.submitted_on, forum.timezone, now)
    _not_before_cocreation(plan, day, "submitted_on")
    return [NewEvent(ActionPlanSubmitted(plan.id, day.isoformat(), _data(cmd.document)), forum.at(day))]


def publish(plan: PlanState, forum: ForumState, publication_id: str, cmd: MakePublication,
            now: datetime) -> list[NewEvent]:
    """A page or document is made public; a session's agenda, materials or minutes may name the session."""
    if cmd.session_id and cmd.kind not in SESSION_PUBLICATIONS:
        raise InvalidField("session_id", f"only {', '.join(SESSION_PUBLICATIONS)} name a session")
    day = not_future_day("published_on", cmd.published_on, forum.timezone, now)
    forum.require_open_on(day, "published_on")
    event = PublicationMade(publication_id, plan.id, cmd.kind, cmd.title.strip(), cmd.url,
                            day.isoformat(), cmd.session_id, cmd.sha256)
    return [NewEvent(event, forum.at(day))]


def endorse(plan: PlanState, forum: ForumState, cmd: EndorsePlan, session: SessionState | None,
            commitment_revisions: dict[str, int], now: datetime) -> list[NewEvent]:
    """The forum endorses the plan: one standing endorsement at a time, at a session held by then (as its stream
    folds: a session once cancelled stays cancelled), signed by representatives current on the day. The
    commitments' revisions are recorded, so later edits show."""
    from tracker.domain.streams import endorsement_id  # (streams imports this module, for its fold)

    standing = plan.standing_endorsement()
    if standing is not None:
        raise Conflict(f"the plan's endorsement {standing.id} of {standing.endorsed_on} still stands; "
                       "withdraw it before endorsing the plan again")
    day = not_future_day("endorsed_on", cmd.endorsed_on, forum.timezone, now)
    _not_before_cocreation(plan, day, "endorsed_on")
    if session is not None:
        held_on = session.held_day(forum.timezone)
        why = ("was cancelled" if session.cancelled else "is not recorded as held" if held_on is None
               else f"was held on {held_on}, after endorsed_on {day}" if held_on > day else None)
        if why:
            raise Conflict(f"session_id: the session {session.id} {why}", {"session_id": [f"it {why}"]})
    signers = cmd.signed_by
    signed_by = [forum.require_current_representative(rep, day, "signed_by").id for rep in signers]
    event = PlanEndorsed(endorsement_id(plan.id, len(plan.endorsements) + 1), plan.id, day.isoformat(),
                         signed_by, commitment_revisions, cmd.session_id, _data(cmd.document))
    return [NewEvent(event, forum.at(day))]


def withdraw_endorsement(plan: PlanState, forum: ForumState, endorsement: str, cmd: WithdrawEndorsement,
                         now: datetime) -> list[NewEvent]:
    """An endorsement stops standing: once, not before it was given."""
    given = plan.endorsement(endorsement)
    if not given.standing:
        raise Conflict(f"the endorsement {endorsement} was already withdrawn on {given.withdrawn_on}")
    day = not_future_day("withdrawn_on", cmd.withdrawn_on, forum.timezone, now)
    if day < given.endorsed_on:
        raise Conflict(f"withdrawn_on: {day} is before the endorsement of {given.endorsed_on}",
                       {"withdrawn_on": [f"before the endorsement of {given.endorsed_on}"]})
    return [NewEvent(EndorsementWithdrawn(endorsement, day.isoformat(), cmd.reason), forum.at(day))]


def judge(plan: PlanState, forum: ForumState, judgement_id: str, cmd: JudgeCheck,
          commitment_ids: list[str], now: datetime) -> list[NewEvent]:
    """The evaluator answers a check; a commitment's check (3.<n>.<k>) names the n-th commitment drafted."""
    check, answer = cmd.check, cmd.answer
    if not is_check(check):
        raise InvalidField("check", "not a check of the inception report")
    if answer not in answers_for(check):
        raise InvalidField("answer", f"check {check} is answered {' or '.join(answers_for(check))}")
    match = COMMITMENT_CHECK.fullmatch(check)
    n = int(match.group(1)) if match else 0
    if n > len(commitment_ids):
        raise InvalidField("check", f"the plan has {len(commitment_ids)} commitment(s), not {n}")
    commitment_id = commitment_ids[n - 1] if n else None
    event = CheckJudged(judgement_id, plan.id, check, answer, cmd.explanation,
                        list(cmd.references), commitment_id)
    return [NewEvent(event, occurred(forum, cmd, now))]
