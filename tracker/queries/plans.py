"""An action plan as readers see it: its window, commitments, endorsements (with their signers), publications,
consultations, submission and the evaluator's judgements."""
from __future__ import annotations

from typing import Any

from tracker.domain.forum import ForumState
from tracker.domain.plan import Endorsement, PlanState
from tracker.queries.commitments import present_commitment_summary
from tracker.queries.consultations import present_consultation_summary


def present_endorsement(plan: PlanState, endorsement: Endorsement, forum: ForumState,
                        full: bool) -> dict[str, Any]:
    """An endorsement with its signers; a minor's name only for full readers."""
    signers = []
    for rep_id in endorsement.signed_by:
        rep = forum.representatives.get(rep_id)
        name = rep.name if rep and (full or not rep.is_minor) else None
        signers.append({"representative_id": rep_id, "name": name,
                        "organization_id": rep.organization_id if rep else None})
    return {
        "id": endorsement.id, "action_plan_id": plan.id,
        "status": "standing" if endorsement.standing else "withdrawn",
        "endorsed_on": endorsement.endorsed_on, "session_id": endorsement.session_id, "signers": signers,
        "document": endorsement.document, "commitment_revisions": endorsement.commitment_revisions,
        "withdrawn_on": endorsement.withdrawn_on, "withdrawal_reason": endorsement.withdrawal_reason,
    }


def present_plan(state: PlanState, forum: ForumState | None = None, commitments: list | None = None,
                 consultations: list | None = None, full: bool = False) -> dict[str, Any]:
    """The plan with its commitments, endorsements, publications, consultations, submission and judgements."""
    body: dict[str, Any] = {
        "id": state.id, "forum_id": state.forum_id, "title": state.title, "period_start": state.period_start,
        "period_end": state.period_end, "cocreation_starts_on": state.cocreation_starts_on,
        "cocreation_ends_on": state.cocreation_ends_on,
    }
    if forum is None:
        return body
    judgements = []
    for j in state.judgements:
        view = {**vars(j)}
        if not full:
            view.pop("recorded_by")
        judgements.append(view)
    body.update(
        submission=({"submitted_on": state.submitted_on, "document": state.submission_document}
                    if state.submitted_on else None),
        commitments=[present_commitment_summary(c) for c in commitments or []],
        endorsements=[present_endorsement(state, e, forum, full) for e in state.endorsements],
        publications=[vars(p) for p in state.publications],
        consultations=[present_consultation_summary(c) for c in consultations or []],
        judgements=judgements,
    )
    return body
