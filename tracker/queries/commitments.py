"""A commitment as readers see it: as its plan lists it, in full with its revisions and assessments, the text its
plan's endorsement holds, and its amendments."""
from __future__ import annotations

from datetime import date
from typing import Any

from tracker.domain.commitment import CommitmentState
from tracker.domain.errors import NotFound
from tracker.domain.plan import PlanState
from tracker.read_models.records import Reader


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


def endorsed_text(state: CommitmentState, plan: PlanState) -> dict[str, Any] | None:
    """The text at the revision the standing endorsement recorded (milestone days as dates); None without one, or
    when it did not hold the commitment."""
    standing = plan.standing_endorsement()
    endorsed = standing.commitment_revisions.get(state.id) if standing else None
    if endorsed is None:
        return None
    text = state.text_at(endorsed)
    milestones = [{**m, "due_on": date.fromisoformat(m["due_on"]) if m.get("due_on") else None}
                  for m in text["milestones"]]
    return {**text, "milestones": milestones}


def present_amendments(r: Reader, state: CommitmentState, tz: str) -> list[dict[str, Any]]:
    """Each amendment, with the title and held day of the session that approved it (null when unknown)."""
    out = []
    for a in state.amendments:
        title, held_on = None, None
        if a.approved_in_session_id:
            try:
                session, _ = r.record("session", a.approved_in_session_id)
            except NotFound:
                session = None
            if session is not None:
                title, held_on = session.title, session.held_day(tz)
        out.append({**vars(a), "changed_fields": sorted(a.changes), "approved_in_session_title": title,
                    "approved_in_session_held_on": held_on})
    return out
