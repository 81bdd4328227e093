"""Events of an action plan's co-creation (tenant: its forum).

The plan's stream (its id) holds its opening, submission, publications, endorsements and the evaluator's
judgements; each consultation and each commitment has a stream of its own.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from events.catalog import registry
from events.registry import DomainEvent


@registry.register
@dataclass(frozen=True)
class ActionPlanOpened(DomainEvent):
    """The forum opened the co-creation of a two-year action plan."""

    action_plan_id: str
    forum_id: str
    title: str
    period_start: str
    period_end: str
    cocreation_starts_on: str
    cocreation_ends_on: str


@registry.register
@dataclass(frozen=True)
class ActionPlanSubmitted(DomainEvent):
    """The action plan was submitted to OGP."""

    action_plan_id: str
    submitted_on: str
    document: dict[str, Any] | None = None


@registry.register
@dataclass(frozen=True)
class PublicationMade(DomainEvent):
    """A page or document about the co-creation was made public (a session's agenda, materials or minutes)."""

    publication_id: str
    action_plan_id: str
    kind: str
    title: str
    url: str
    published_on: str
    session_id: str | None = None
    sha256: str | None = None


@registry.register
@dataclass(frozen=True)
class ConsultationOpened(DomainEvent):
    """A public consultation on the plan opened, with a closing date (stream: the consultation's id)."""

    consultation_id: str
    action_plan_id: str
    opens_on: str
    closes_on: str
    channel: str
    url: str | None = None


@registry.register
@dataclass(frozen=True)
class ConsultationExtended(DomainEvent):
    """A public consultation's closing date moved later."""

    consultation_id: str
    closes_on: str
    previous_closes_on: str
    reason: str
    requested_by_contribution: str | None = None


@registry.register
@dataclass(frozen=True)
class CommitmentDrafted(DomainEvent):
    """A commitment of the plan was drafted (stream: the commitment's id; revision 0).

    `milestones` are `{title, deliverable, due_on}` with `due_on` an ISO day or None.
    """

    commitment_id: str
    action_plan_id: str
    title: str
    ogp_values: list[str]
    milestones: list[dict[str, Any]]
    from_contributions: list[str]
    problem: str | None = None
    description: str | None = None
    lead_institution: str | None = None
    #: The representative of the roster who is the commitment's lead contact, when named; absent from the stored
    #: data otherwise, so drafts without it keep their exact bytes.
    lead_representative_id: str | None = None

    OMITTED_WHEN_EMPTY: ClassVar = ("lead_representative_id",)


@registry.register
@dataclass(frozen=True)
class CommitmentRevised(DomainEvent):
    """A commitment was revised; `changes` holds only the fields that changed, with their new values."""

    commitment_id: str
    revision: int
    reason: str
    changes: dict[str, Any]
    from_contributions: list[str]


@registry.register
@dataclass(frozen=True)
class CommitmentAmended(DomainEvent):
    """A commitment of an endorsed plan was amended during implementation; `changes` holds only the fields that
    changed, with their new values. `revision` continues the numbering revisions use (an amendment is a new
    version of the text); `approved_in_session_id` names the held session of the forum that approved it."""

    commitment_id: str
    revision: int
    reason: str
    changes: dict[str, Any]
    approved_in_session_id: str | None = None


@registry.register
@dataclass(frozen=True)
class PlanEndorsed(DomainEvent):
    """The forum endorsed the action plan; `commitment_revisions` holds each commitment's revision then."""

    endorsement_id: str
    action_plan_id: str
    endorsed_on: str
    signed_by: list[str]
    commitment_revisions: dict[str, int]
    session_id: str | None = None
    document: dict[str, Any] | None = None


@registry.register
@dataclass(frozen=True)
class EndorsementWithdrawn(DomainEvent):
    """An endorsement of the plan no longer stands."""

    endorsement_id: str
    withdrawn_on: str
    reason: str


@registry.register
@dataclass(frozen=True)
class CommitmentAssessed(DomainEvent):
    """The evaluator assessed a commitment (a correction carries `correction_reason` and supersedes)."""

    commitment_id: str
    verifiable: str
    relevance: str
    commitment_type: str
    potential: str
    explanation: str
    ogp_values: list[str] | None = None
    recommendations: str | None = None
    correction_reason: str | None = None


@registry.register
@dataclass(frozen=True)
class CheckJudged(DomainEvent):
    """The evaluator answered a check of the inception report; a later judgement of the same check supersedes.

    For a commitment's check (3.<n>.<k>), `commitment_id` names the n-th commitment drafted for the plan.
    """

    judgement_id: str
    action_plan_id: str
    check: str
    answer: str
    explanation: str
    references: list[str]
    commitment_id: str | None = None


@registry.register
@dataclass(frozen=True)
class ProgressReported(DomainEvent):
    """Progress of a commitment was reported (stream: the commitment's id): of one milestone (`milestone_id`,
    `mls_<the commitment id's hex>_<n>`) or, without it, a note on the commitment as a whole.

    `status` is `not_started`, `in_progress`, `completed`, `delayed` or `cancelled`; `reported_on` an ISO day;
    `evidence` publication ids of the plan or sha256 hashes of documents the forum stored. A correction carries
    `correction_reason` and `corrects_version`, the stream version of the report it supersedes.
    """

    commitment_id: str
    status: str
    reported_on: str
    summary: str
    evidence: list[str]
    milestone_id: str | None = None
    reason: str | None = None
    reported_by_organization: str | None = None
    correction_reason: str | None = None
    corrects_version: int | None = None


@registry.register
@dataclass(frozen=True)
class CommitmentEndAssessed(DomainEvent):
    """The evaluator's end-of-commitment assessment (stream: the commitment's id), due a month after the
    commitment's complete implementation.

    `completion` is the IRM's rating (`no_evidence`, `not_started`, `limited`, `substantial`, `complete`);
    `early_results` answers "did it open government?" per OGP value of the commitment, on the IRM's scale
    (`{"access_to_information": "marginal", ...}` with `worsened`, `did_not_change`, `marginal`, `major`,
    `outstanding`); `recommendations` one text each. A correction carries `correction_reason` and supersedes.
    """

    commitment_id: str
    completion: str
    early_results: dict[str, str]
    explanation: str
    references: list[str]
    recommendations: list[str]
    correction_reason: str | None = None


@registry.register
@dataclass(frozen=True)
class PlanFinalAssessed(DomainEvent):
    """The evaluator's final assessment of the plan as a whole (stream: the plan's id): what implementing it
    achieved, and the recommendations for the next plan, one text each. A correction carries `correction_reason`
    and supersedes."""

    action_plan_id: str
    summary: str
    recommendations: list[str]
    correction_reason: str | None = None


@registry.register
@dataclass(frozen=True)
class RecommendationAnswered(DomainEvent):
    """A plan recorded how it answers a recommendation made on an earlier plan of its forum (stream: the answering
    plan's id), perhaps with the commitment that takes it up; a later answer to the same recommendation
    supersedes."""

    action_plan_id: str
    recommendation_id: str
    response: str
    commitment_id: str | None = None


@registry.register
@dataclass(frozen=True)
class CommitmentLeadContactNamed(DomainEvent):
    """The commitment's lead contact was named: a representative of the forum's roster, reminded of milestones
    and reports (None: the commitment has none any more)."""

    commitment_id: str
    lead_representative_id: str | None
