"""After implementation: the evaluator's end-of-commitment assessment and final assessment of the plan, when the end
assessment falls due, the next plan's answers to the recommendations, and the commitment's lead contact.

The end-of-commitment assessment rates a commitment of the endorsed plan with the IRM's completion level and, per
OGP value of the commitment, "did it open government?" (`EARLY_RESULTS`). It is due one month after the day the
commitment's implementation became complete, or, for a commitment never completed, one month after the plan's
period ends (`end_assessment_due_on`). A second assessment, of either kind, is a correction with a reason.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Self

from events import NewEvent
from events.catalog.plans import (
    CommitmentEndAssessed,
    CommitmentLeadContactNamed,
    PlanFinalAssessed,
    RecommendationAnswered,
)
from tracker.domain.commands import Correction, reason_of, strings
from tracker.domain.commitment import CommitmentState, ProgressReport, require_lead_contact
from tracker.domain.errors import Conflict, InvalidField, InvalidFields
from tracker.domain.forum import ForumState, occurred
from tracker.domain.plan import PlanState
from tracker.domain.recommendations import Recommendation
from tracker.domain.time import add_months, local_day
from tracker.domain.vocabulary import COMPLETION_LEVELS, EARLY_RESULTS

#: The end-of-commitment assessment is due this many months after the commitment's complete implementation (or
#: after the plan's period ends, for a commitment never completed).
END_ASSESSMENT_MONTHS = 1


# -- when the end-of-commitment assessment is due ------------------------------------------------------------


def completing_report(state: CommitmentState) -> ProgressReport | None:
    """The standing progress report that made every milestone completed, if every milestone's standing report says
    `completed` (None otherwise, and for a commitment without milestones).

    Each milestone became complete with the first report of its last run of `completed` reports (a later
    `completed` report adding evidence does not move it); the commitment with the latest of those."""
    completing: list[ProgressReport] = []
    for milestone_id in state.milestone_ids:
        reports = state.standing_reports(milestone_id)
        if not reports or reports[-1].status != "completed":
            return None
        first = len(reports) - 1
        while first > 0 and reports[first - 1].status == "completed":
            first -= 1
        completing.append(reports[first])
    return max(completing, key=lambda r: (r.reported_on, r.version)) if completing else None


def completed_on(state: CommitmentState) -> date | None:
    """The day the commitment's implementation became complete (`completing_report`'s `reported_on`), if it is."""
    report = completing_report(state)
    return report.reported_on if report is not None else None


def end_assessment_due_on(state: CommitmentState, plan: PlanState) -> date:
    """The day the end-of-commitment assessment is due: one month after the implementation became complete, or,
    for a commitment not complete, one month after the plan's period ends."""
    return add_months(completed_on(state) or plan.period_end, END_ASSESSMENT_MONTHS)


def assessed_values(state: CommitmentState) -> list[str]:
    """The OGP values the end assessment rates: those the design assessment named, else the commitment's own."""
    design = state.assessment
    return list(design.ogp_values) if design is not None and design.ogp_values else list(state.ogp_values)


# -- commands ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AssessEnd:
    """The evaluator assesses (or reassesses, as a correction) a commitment at its end: how complete it is, "did it
    open government?" per OGP value (`early_results`, value -> rating), why, references and recommendations."""

    completion: str
    early_results: tuple[tuple[str, str], ...]
    explanation: str
    references: tuple[str, ...] = ()
    recommendations: tuple[str, ...] = ()
    correction: Correction | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["completion"], tuple(dict(data["early_results"]).items()), data["explanation"],
                   strings(data.get("references")), strings(data.get("recommendations")),
                   Correction.maybe(data.get("correction")), data.get("occurred_on"), data.get("occurred_at"))


@dataclass(frozen=True, slots=True)
class AssessPlan:
    """The evaluator's final assessment of the plan (or a correction of it): a summary and recommendations."""

    summary: str
    recommendations: tuple[str, ...] = ()
    correction: Correction | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["summary"], strings(data.get("recommendations")), Correction.maybe(data.get("correction")),
                   data.get("occurred_on"), data.get("occurred_at"))


@dataclass(frozen=True, slots=True)
class AnswerRecommendation:
    """A plan answers a recommendation made on an earlier plan of its forum, perhaps naming its commitment that
    takes it up."""

    recommendation_id: str
    response: str
    commitment_id: str | None = None
    occurred_on: date | None = None
    occurred_at: datetime | None = None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["recommendation_id"], data["response"], data.get("commitment_id"), data.get("occurred_on"),
                   data.get("occurred_at"))


@dataclass(frozen=True, slots=True)
class NameLeadContact:
    """The secretariat names a commitment's lead contact (a representative of the roster), or none (None)."""

    lead_representative_id: str | None

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Self:
        return cls(data["lead_representative_id"])


# -- decisions ---------------------------------------------------------------------------------------------


def _texts(values: tuple[str, ...]) -> list[str]:
    """Texts trimmed, the empty ones left out."""
    return [v.strip() for v in values if v.strip()]


def _corrects(assessments: list[Any], correction: Correction | None) -> None:
    """A second assessment must be a correction with a reason; a correction needs one to correct (409)."""
    if assessments and not correction:
        raise Conflict("already recorded; send a correction with a reason")
    if correction and not assessments:
        raise Conflict("nothing to correct: not assessed yet")


def _early_results(state: CommitmentState, sent: Mapping[str, str]) -> dict[str, str]:
    """The ratings, one per OGP value the assessment rates and only those, each on the IRM's scale (422 naming
    each wrong value under `early_results.<value>`)."""
    values = assessed_values(state)
    errors: dict[str, list[str]] = {}
    for value, rating in sent.items():
        if value not in values:
            errors[f"early_results.{value}"] = [f"not an OGP value of this commitment ({', '.join(values)})"]
        elif rating not in EARLY_RESULTS:
            errors[f"early_results.{value}"] = [f"must be one of: {', '.join(EARLY_RESULTS)}"]
    for value in values:
        if value not in sent:
            errors[f"early_results.{value}"] = ["not rated: every OGP value of the commitment is rated"]
    if errors:
        raise InvalidFields("early_results: " + "; ".join(f"{k.partition('.')[2]}: {m[0]}"
                                                          for k, m in errors.items()), errors)
    return {value: sent[value] for value in values}


def assess_end(state: CommitmentState, forum: ForumState, plan: PlanState, cmd: AssessEnd,
               now: datetime) -> list[NewEvent]:
    """The evaluator assesses the commitment at its end. Only a commitment the plan's standing endorsement holds
    (409), not before the endorsement's day (409); the completion level from the IRM's five (422); every OGP value
    of the commitment rated and no other (422); an explanation (422); a second assessment is a correction with a
    reason (409)."""
    standing = plan.standing_endorsement()
    if standing is None:
        raise Conflict("the plan has no standing endorsement: a commitment is assessed at its end once the plan "
                       "is endorsed and implemented")
    if state.id not in standing.commitment_revisions:
        raise Conflict(f"the endorsement {standing.id} does not hold this commitment (drafted after it)")
    if cmd.completion not in COMPLETION_LEVELS:
        raise InvalidField("completion", f"must be one of: {', '.join(COMPLETION_LEVELS)}")
    early_results = _early_results(state, dict(cmd.early_results))
    explanation = cmd.explanation.strip()
    if not explanation:
        raise InvalidField("explanation", "an explanation is needed")
    _corrects(state.end_assessments, cmd.correction)
    at = occurred(forum, cmd, now)
    day = local_day(at, forum.timezone)
    if day < standing.endorsed_on:
        raise Conflict(f"the plan was endorsed on {standing.endorsed_on}; its end assessment cannot precede it",
                       {"occurred_on": [f"before the endorsement of {standing.endorsed_on}"]})
    event = CommitmentEndAssessed(state.id, cmd.completion, early_results, explanation, list(cmd.references),
                                  _texts(cmd.recommendations), reason_of(cmd.correction))
    return [NewEvent(event, at)]


def assess_plan(plan: PlanState, forum: ForumState, cmd: AssessPlan, now: datetime) -> list[NewEvent]:
    """The evaluator's final assessment of the plan: a summary (422 when empty) and recommendations; a second one
    is a correction with a reason (409)."""
    summary = cmd.summary.strip()
    if not summary:
        raise InvalidField("summary", "a summary is needed")
    _corrects(plan.final_assessments, cmd.correction)
    event = PlanFinalAssessed(plan.id, summary, _texts(cmd.recommendations), reason_of(cmd.correction))
    return [NewEvent(event, occurred(forum, cmd, now))]


def answer_recommendation(plan: PlanState, forum: ForumState, cmd: AnswerRecommendation,
                          earlier: Mapping[str, Recommendation], commitment: CommitmentState | None,
                          now: datetime) -> list[NewEvent]:
    """The plan answers a recommendation. `earlier` holds the standing recommendations of the forum's earlier
    plans, by id: the recommendation must be one (422); `commitment` is the commitment `commitment_id` names, which
    must be one of this plan's (422). A later answer supersedes the one that stands, and must differ from it
    (409)."""
    if cmd.recommendation_id not in earlier:
        raise InvalidField("recommendation_id", f"{cmd.recommendation_id} is not a standing recommendation made on "
                                                "an earlier action plan of this forum")
    if cmd.commitment_id is not None and (commitment is None or commitment.action_plan_id != plan.id):
        raise InvalidField("commitment_id", f"no commitment of this action plan has the id {cmd.commitment_id}")
    response = cmd.response.strip()
    if not response:
        raise InvalidField("response", "a response is needed")
    standing = plan.recommendation_answers.get(cmd.recommendation_id)
    if standing is not None and (standing.response, standing.commitment_id) == (response, cmd.commitment_id):
        raise Conflict("the plan already answers this recommendation with these words and commitment")
    event = RecommendationAnswered(plan.id, cmd.recommendation_id, response, cmd.commitment_id)
    return [NewEvent(event, occurred(forum, cmd, now))]


def name_lead_contact(state: CommitmentState, forum: ForumState, cmd: NameLeadContact,
                      now: datetime) -> list[NewEvent]:
    """The commitment's lead contact is named: a current representative of the forum's roster (422), or none;
    naming the one it already has is refused (409)."""
    representative_id = cmd.lead_representative_id
    if representative_id == state.lead_representative_id:
        raise Conflict("the commitment already has this lead contact" if representative_id
                       else "the commitment has no lead contact to remove")
    if representative_id is not None:
        require_lead_contact(forum, representative_id, local_day(now, forum.timezone))
    return [NewEvent(CommitmentLeadContactNamed(state.id, representative_id), now)]
