"""A commitment of an action plan: its text and milestones, each revision, and the evaluator's assessment.

Each commitment has a stream of its own (tenant: the forum). The draft is revision 0; each revision
stores only the fields it changed and the state applies them in order.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Final, Self

from events import NewEvent, RecordedEvent
from events.catalog.plans import CommitmentAssessed, CommitmentDrafted, CommitmentRevised
from tracker.domain.commands import Correction, FlatCommand, reason_of, strings
from tracker.domain.errors import Conflict
from tracker.domain.forum import ForumState, occurred
from tracker.domain.plan import PlanState
from tracker.domain.time import local_day

#: The types of a commitment's stream (tracker.domain.streams.COMMITMENT).
EVENT_TYPES = tuple(cls.type_name() for cls in (CommitmentDrafted, CommitmentRevised, CommitmentAssessed))
#: The fields of a commitment's text, which a revision may change.
TEXT_FIELDS = ("title", "problem", "description", "ogp_values", "lead_institution", "milestones")


@dataclass
class Revision:
    """One revision: its number, why, the fields it changed (new values) and the contributions behind it."""

    revision: int
    reason: str
    changes: dict[str, Any]
    from_contributions: list[str]
    occurred_at: datetime
    recorded_at: datetime


@dataclass
class Assessment:
    """The evaluator's assessment; a correction supersedes the previous one."""

    verifiable: str
    relevance: str
    ogp_values: list[str] | None
    commitment_type: str
    potential: str
    explanation: str
    recommendations: str | None
    correction_reason: str | None
    occurred_at: datetime
    recorded_at: datetime
    recorded_by: str


@dataclass
class CommitmentState:
    """The commitment as its stream says it is now (the latest text, every revision, every assessment)."""

    id: str
    forum_id: str
    action_plan_id: str
    title: str
    problem: str | None
    description: str | None
    ogp_values: list[str]
    lead_institution: str | None
    milestones: list[dict[str, Any]]
    from_contributions: list[str]
    drafted_at: datetime
    revisions: list[Revision] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    version: int = 0

    @property
    def revision(self) -> int:
        """The current revision number (0: as drafted)."""
        return self.revisions[-1].revision if self.revisions else 0

    @property
    def assessment(self) -> Assessment | None:
        """The assessment that stands (the latest), if any."""
        return self.assessments[-1] if self.assessments else None

    def text_changed_since(self, revision: int) -> bool:
        """Did a revision after `revision` change the text (not merely cite contributions)?"""
        return any(r.changes for r in self.revisions if r.revision > revision)

    def fields_changed_since(self, revision: int) -> list[str]:
        """The fields of the text the revisions after `revision` changed, sorted."""
        return sorted({f for r in self.revisions if r.revision > revision for f in r.changes})

    def differs_from_endorsed(self, endorsed_revision: int | None) -> bool:
        """Does the text differ from what an endorsement held? `endorsed_revision` is the revision it recorded
        for this commitment; None when the endorsed plan did not hold the commitment (drafted after it)."""
        return endorsed_revision is None or self.text_changed_since(endorsed_revision)

    def text(self) -> dict[str, Any]:
        """The current text as stored in events (milestone due dates as ISO strings)."""
        return {
            "title": self.title, "problem": self.problem, "description": self.description,
            "ogp_values": list(self.ogp_values), "lead_institution": self.lead_institution,
            "milestones": [_stored_milestone(m) for m in self.milestones],
        }


def _stored_milestone(m: dict[str, Any]) -> dict[str, Any]:
    due = m.get("due_on")
    return {"title": m["title"], "deliverable": m.get("deliverable"),
            "due_on": due.isoformat() if isinstance(due, date) else due}


def _read_milestone(m: dict[str, Any]) -> dict[str, Any]:
    return {"title": m["title"], "deliverable": m.get("deliverable"),
            "due_on": date.fromisoformat(m["due_on"]) if m.get("due_on") else None}


def _apply(state: CommitmentState, changes: dict[str, Any]) -> None:
    for name, value in changes.items():
        setattr(state, name, [_read_milestone(m) for m in value] if name == "milestones" else value)


def fold(events: Iterable[RecordedEvent]) -> CommitmentState | None:
    """The commitment's state from its stream (None when the stream is not a commitment's)."""
    state: CommitmentState | None = None
    for e in events:
        d = e.data
        if e.type == "CommitmentDrafted":
            state = CommitmentState(
                d["commitment_id"], e.tenant_id, d["action_plan_id"], d["title"], d["problem"],
                d["description"], list(d["ogp_values"]), d["lead_institution"],
                [_read_milestone(m) for m in d["milestones"]], list(d["from_contributions"]), e.occurred_at,
            )
        elif state is None:
            continue
        elif e.type == "CommitmentRevised":
            _apply(state, d["changes"])
            known = state.from_contributions
            known += [c for c in d["from_contributions"] if c not in known]
            state.revisions.append(Revision(d["revision"], d["reason"], d["changes"], d["from_contributions"],
                                            e.occurred_at, e.recorded_at))
        elif e.type == "CommitmentAssessed":
            state.assessments.append(Assessment(
                d["verifiable"], d["relevance"], d["ogp_values"], d["commitment_type"], d["potential"],
                d["explanation"], d["recommendations"], d["correction_reason"], e.occurred_at, e.recorded_at,
                e.recorded_by))
        if state is not None:
            state.version = e.stream_version
    return state


# -- commands ----------------------------------------------------------------------------------------


class Unset(Enum):
    """A field a revision does not send (unchanged), as opposed to one it sets, perhaps to None."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET


@dataclass(frozen=True, slots=True)
class Milestone(FlatCommand):
    """A milestone of a commitment: what, the deliverable, and by when (which may be future)."""

    title: str
    deliverable: str | None = None
    due_on: date | None = None

    def to_data(self) -> dict[str, Any]:
        """As events store it: its title trimmed, its day as an ISO day."""
        return {"title": self.title.strip(), "deliverable": self.deliverable,
                "due_on": self.due_on.isoformat() if self.due_on is not None else None}


def _milestones(data: Any) -> tuple[Milestone, ...]:
    return tuple(Milestone.of(m) for m in data or ())


@dataclass(frozen=True, slots=True)
class DraftCommitment:
    """Draft a commitment of a plan (revision 0), perhaps from contributions."""

    title: str
    ogp_values: tuple[str, ...]
    problem: str | None = None
    description: str | None = None
    lead_institution: str | None = None
    milestones: tuple[Milestone, ...] = ()
    from_contributions: tuple[str, ...] = ()
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["title"], strings(data["ogp_values"]), data.get("problem"), data.get("description"),
                   data.get("lead_institution"), _milestones(data.get("milestones")),
                   strings(data.get("from_contributions")), data.get("occurred_on"), data.get("occurred_at"))

    def text(self) -> dict[str, Any]:
        """Its text fields, by name."""
        return {"title": self.title, "problem": self.problem, "description": self.description,
                "ogp_values": self.ogp_values, "lead_institution": self.lead_institution,
                "milestones": self.milestones}


@dataclass(frozen=True, slots=True)
class ReviseCommitment:
    """Revise a commitment, saying why: each text field is UNSET (unchanged) unless sent."""

    reason: str
    title: str | Unset = UNSET
    problem: str | None | Unset = UNSET
    description: str | None | Unset = UNSET
    ogp_values: tuple[str, ...] | Unset = UNSET
    lead_institution: str | None | Unset = UNSET
    milestones: tuple[Milestone, ...] | Unset = UNSET
    from_contributions: tuple[str, ...] = ()
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        def sent(name: str) -> Any:
            return data.get(name, UNSET)

        ogp_values, milestones = sent("ogp_values"), sent("milestones")
        return cls(data["reason"], sent("title"), sent("problem"), sent("description"),
                   ogp_values if ogp_values is UNSET else strings(ogp_values), sent("lead_institution"),
                   milestones if milestones is UNSET else _milestones(milestones),
                   strings(data.get("from_contributions")), data.get("occurred_on"), data.get("occurred_at"))

    def text(self) -> dict[str, Any]:
        """The text fields it sends, by name."""
        fields = {"title": self.title, "problem": self.problem, "description": self.description,
                  "ogp_values": self.ogp_values, "lead_institution": self.lead_institution,
                  "milestones": self.milestones}
        return {name: value for name, value in fields.items() if value is not UNSET}


@dataclass(frozen=True, slots=True)
class AssessCommitment:
    """The evaluator assesses (or reassesses, as a correction) a commitment."""

    verifiable: str
    relevance: str
    commitment_type: str
    potential: str
    explanation: str
    ogp_values: tuple[str, ...] | None = None
    recommendations: str | None = None
    correction: Correction | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        ogp_values = data.get("ogp_values")
        return cls(data["verifiable"], data["relevance"], data["commitment_type"], data["potential"],
                   data["explanation"], strings(ogp_values) if ogp_values is not None else None,
                   data.get("recommendations"), Correction.maybe(data.get("correction")), data.get("occurred_on"),
                   data.get("occurred_at"))


# -- decisions ---------------------------------------------------------------------------------------


def _text(sent: Mapping[str, Any]) -> dict[str, Any]:
    """The text fields a command sends, normalized as events store them."""
    out: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if name not in sent:
            continue
        value = sent[name]
        if name == "milestones":
            value = [m.to_data() for m in value]
        elif isinstance(value, str):
            value = value.strip()
        out[name] = list(value) if name == "ogp_values" else value
    return out


def draft(forum: ForumState, plan: PlanState, commitment_id: str, cmd: DraftCommitment,
          now: datetime) -> list[NewEvent]:
    """A commitment of the plan is drafted (revision 0)."""
    text = _text(cmd.text())
    event = CommitmentDrafted(
        commitment_id, plan.id, text["title"], text["ogp_values"], text.get("milestones", []),
        list(cmd.from_contributions), text.get("problem"), text.get("description"),
        text.get("lead_institution"),
    )
    return [NewEvent(event, occurred(forum, cmd, now))]


def revise(state: CommitmentState, forum: ForumState, cmd: ReviseCommitment, now: datetime) -> list[NewEvent]:
    """The commitment is revised: the fields that differ from the current text are stored, with the reason.

    A revision that changes no field may still record the contributions it answers; with neither, it is
    refused.
    """
    current = state.text()
    changes = {name: value for name, value in _text(cmd.text()).items() if value != current[name]}
    contributions = list(cmd.from_contributions)
    if not changes and not contributions:
        raise Conflict("the revision changes nothing: every field sent equals the current text")
    at = occurred(forum, cmd, now)
    drafted_on = local_day(state.drafted_at, forum.timezone)
    if local_day(at, forum.timezone) < drafted_on:
        raise Conflict(f"the commitment was drafted on {drafted_on}; a revision cannot precede it",
                       {"occurred_on": [f"before the commitment was drafted on {drafted_on}"]})
    event = CommitmentRevised(state.id, state.revision + 1, cmd.reason, changes, contributions)
    return [NewEvent(event, at)]


def assess(state: CommitmentState, forum: ForumState, cmd: AssessCommitment, now: datetime) -> list[NewEvent]:
    """The evaluator assesses the commitment; a second assessment must be a correction with a reason."""
    correction = cmd.correction
    if state.assessments and not correction:
        raise Conflict("already recorded; send a correction with a reason")
    if correction and not state.assessments:
        raise Conflict("nothing to correct: the commitment has not been assessed yet")
    event = CommitmentAssessed(
        state.id, cmd.verifiable, cmd.relevance, cmd.commitment_type, cmd.potential,
        cmd.explanation, list(cmd.ogp_values) if cmd.ogp_values is not None else None,
        cmd.recommendations, reason_of(correction),
    )
    return [NewEvent(event, occurred(forum, cmd, now))]
