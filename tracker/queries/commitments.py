"""A commitment as readers see it: as its plan lists it, and in full with its revisions and assessments."""
from __future__ import annotations

from typing import Any

from tracker.domain.commitment import CommitmentState
from tracker.domain.plan import PlanState


def present_commitment_summary(state: CommitmentState) -> dict[str, Any]:
    """A commitment as its plan lists it."""
    return {"id": state.id, "title": state.title, "ogp_values": state.ogp_values,
            "lead_institution": state.lead_institution, "milestones": state.milestones,
            "revision": state.revision}


def present_commitment(state: CommitmentState, plan: PlanState) -> dict[str, Any]:
    """The current text, every revision, the assessment, and whether the text moved since the endorsement."""
    standing = plan.standing_endorsement()
    endorsed_revision = standing.commitment_revisions.get(state.id) if standing else None
    differs = standing is not None and state.differs_from_endorsed(endorsed_revision)
    revisions = [{**vars(r), "changed_fields": sorted(r.changes)} for r in state.revisions]
    assessments = [{k: v for k, v in vars(a).items() if k != "recorded_by"} for a in state.assessments]
    return {
        **present_commitment_summary(state), "action_plan_id": state.action_plan_id, "problem": state.problem,
        "description": state.description, "from_contributions": state.from_contributions,
        "revisions": revisions, "endorsement_id": standing.id if standing else None,
        "endorsed_revision": endorsed_revision, "endorsed_text_differs": differs,
        "assessment": assessments[-1] if assessments else None, "assessments": assessments,
    }
