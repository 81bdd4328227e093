"""Commitments: /action-plans/{id}/commitments, /commitments/{id} with its revisions and assessments."""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView
from marshmallow import fields

from tracker.api.blueprint import Blueprint
from tracker.api.common import ERRORS, CreatedSchema, StrictSchema, context, created, document_errors, records
from tracker.api.guards import evaluates, via, writes
from tracker.api.plan_schemas import (
    AssessmentSchema,
    CommitmentCreateSchema,
    CommitmentRevisionSchema,
    CommitmentSummarySchema,
)
from tracker.commands import commitments as commands
from tracker.commands.base import etag
from tracker.domain.commitment import CommitmentState
from tracker.domain.plan import PlanState

blp = Blueprint("commitments", __name__, description="Commitments of a plan, their revisions and assessment")


class RevisionViewSchema(StrictSchema):
    revision = fields.Integer()
    reason = fields.String()
    changed_fields = fields.List(fields.String())
    changes = fields.Dict(metadata={"description": "the new value of each changed field"})
    from_contributions = fields.List(fields.String())
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()


class AssessmentViewSchema(StrictSchema):
    verifiable = fields.String()
    relevance = fields.String()
    ogp_values = fields.List(fields.String(), allow_none=True)
    commitment_type = fields.String()
    potential = fields.String()
    explanation = fields.String()
    recommendations = fields.String(allow_none=True)
    correction_reason = fields.String(allow_none=True)
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()


class CommitmentSchema(CommitmentSummarySchema):
    """The commitment's current text, its history, and whether it moved since the standing endorsement."""

    action_plan_id = fields.String()
    problem = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    from_contributions = fields.List(fields.String())
    revisions = fields.List(fields.Nested(RevisionViewSchema))
    endorsement_id = fields.String(allow_none=True, metadata={"description": "the standing endorsement"})
    endorsed_revision = fields.Integer(allow_none=True)
    endorsed_text_differs = fields.Boolean()
    assessment = fields.Nested(AssessmentViewSchema, allow_none=True)
    assessments = fields.List(fields.Nested(AssessmentViewSchema),
                              metadata={"description": "every assessment, oldest first; the last stands"})


def present_commitment_summary(state: CommitmentState) -> dict[str, Any]:
    """A commitment as its plan lists it."""
    return {"id": state.id, "title": state.title, "ogp_values": state.ogp_values,
            "lead_institution": state.lead_institution, "milestones": state.milestones,
            "revision": state.revision}


def present_commitment(state: CommitmentState, plan: PlanState) -> dict[str, Any]:
    """The current text, every revision, the assessment, and whether the text moved since the endorsement."""
    standing = plan.standing_endorsement()
    endorsed_revision = standing.commitment_revisions.get(state.id) if standing else None
    if standing is None:
        differs = False
    elif endorsed_revision is None:  # drafted after the endorsement: the endorsed plan did not hold it
        differs = True
    else:
        differs = state.text_changed_since(endorsed_revision)
    revisions = [{**vars(r), "changed_fields": sorted(r.changes)} for r in state.revisions]
    assessments = [{k: v for k, v in vars(a).items() if k != "recorded_by"} for a in state.assessments]
    return {
        **present_commitment_summary(state), "action_plan_id": state.action_plan_id, "problem": state.problem,
        "description": state.description, "from_contributions": state.from_contributions,
        "revisions": revisions, "endorsement_id": standing.id if standing else None,
        "endorsed_revision": endorsed_revision, "endorsed_text_differs": differs,
        "assessment": assessments[-1] if assessments else None, "assessments": assessments,
    }


@blp.route("/action-plans/<plan_id>/commitments")
class Commitments(MethodView):
    @writes(via("plan_id", "action plan"))
    @blp.arguments(CommitmentCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """A commitment of the plan is drafted, with its OGP values and milestones."""
        outcome = commands.draft_commitment(context(), plan_id, body)
        return created(outcome, url_for("commitments.Commitment", commitment_id=outcome.id))


@blp.route("/commitments/<commitment_id>")
class Commitment(MethodView):
    @blp.response(200, CommitmentSchema)
    @document_errors(blp, 404)
    def get(self, commitment_id):
        """The commitment's text, its revisions and assessment, and whether it moved since the endorsement."""
        with records() as r:
            state, version = r.record("commitment", commitment_id)
            plan, _ = r.record("plan", state.action_plan_id)
        return present_commitment(state, plan), 200, {"ETag": etag(commitment_id, version)}


@blp.route("/commitments/<commitment_id>/revision")
class Revision(MethodView):
    @writes(via("commitment_id", "commitment"))
    @blp.arguments(CommitmentRevisionSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, commitment_id):
        """The commitment is revised: any field of its text, with a reason and the contributions behind it."""
        return created(commands.revise_commitment(context(), commitment_id, body),
                       url_for("commitments.Commitment", commitment_id=commitment_id))


@blp.route("/commitments/<commitment_id>/assessment")
class Assessment(MethodView):
    @evaluates(via("commitment_id", "commitment"))
    @blp.arguments(AssessmentSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, commitment_id):
        """The evaluator's assessment (evaluator or admin); a repeat needs a correction with a reason."""
        return created(commands.assess_commitment(context(), commitment_id, body),
                       url_for("commitments.Commitment", commitment_id=commitment_id))
