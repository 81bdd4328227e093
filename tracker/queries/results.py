"""A commitment after implementation as readers see it: its end-of-commitment assessments (each recommendation with
its id), the completion its progress computes, when the end assessment is due, and its lead contact."""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.domain.commitment import CommitmentState, EndAssessment
from tracker.domain.plan import PlanState
from tracker.domain.recommendations import END_OF_COMMITMENT, recommendation_id
from tracker.domain.results import end_assessment_due_on
from tracker.queries.implementation import completion_level, milestone_progress


def present_end_assessment(state: CommitmentState, a: EndAssessment) -> dict[str, Any]:
    """One end-of-commitment assessment, each recommendation with its id (`tracker.domain.recommendations`)."""
    recommendations = [{"id": recommendation_id(END_OF_COMMITMENT, state.id, text), "text": " ".join(text.split())}
                       for text in a.recommendations]
    return {"completion": a.completion, "early_results": dict(a.early_results), "explanation": a.explanation,
            "references": list(a.references), "recommendations": recommendations,
            "correction_reason": a.correction_reason, "occurred_at": a.occurred_at, "recorded_at": a.recorded_at}


def due_on(state: CommitmentState, plan: PlanState) -> date | None:
    """When the end-of-commitment assessment is due (`tracker.domain.results.end_assessment_due_on`); None when the
    plan's standing endorsement does not hold the commitment (nothing is implemented, nothing due)."""
    standing = plan.standing_endorsement()
    if standing is None or state.id not in standing.commitment_revisions:
        return None
    return end_assessment_due_on(state, plan)


def present_results(state: CommitmentState, plan: PlanState, day: date) -> dict[str, Any]:
    """What `GET /commitments/{id}` adds after implementation: the end assessment that stands and every one, the
    completion its milestones' progress computes on `day`, when the end assessment is due, and the lead contact's
    id."""
    assessments = [present_end_assessment(state, a) for a in state.end_assessments]
    return {"end_assessment": assessments[-1] if assessments else None, "end_assessments": assessments,
            "computed_completion": completion_level(milestone_progress(state, day)),
            "end_assessment_due_on": due_on(state, plan), "lead_representative_id": state.lead_representative_id}
