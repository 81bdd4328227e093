"""Commitments: /action-plans/{id}/commitments, /commitments/{id} with its revisions, amendments, assessments and
progress."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from marshmallow import fields

from tracker.api.blueprint import Blueprint
from tracker.api.common import ERRORS, CreatedSchema, created, document_errors, records
from tracker.api.guards import evaluates, via, writes
from tracker.commands import commitments as commands
from tracker.commands.base import etag
from tracker.contract.base import StrictSchema
from tracker.contract.plans import (
    AssessmentSchema,
    CommitmentAmendmentSchema,
    CommitmentCreateSchema,
    CommitmentRevisionSchema,
    CommitmentSummarySchema,
    MilestoneProgressSchema,
    MilestoneViewSchema,
    ProgressReportSchema,
    ProgressReportViewSchema,
)
from tracker.contract.results import EndAssessmentSchema, EndAssessmentViewSchema, LeadContactSchema
from tracker.domain.time import today
from tracker.http import context
from tracker.queries.commitments import endorsed_text, present_amendments, present_commitment
from tracker.queries.implementation import present_progress
from tracker.queries.results import present_results

blp = Blueprint("commitments", __name__, description="Commitments of a plan, their revisions and assessment")


class RevisionViewSchema(StrictSchema):
    revision = fields.Integer()
    reason = fields.String()
    changed_fields = fields.List(fields.String())
    changes = fields.Dict(metadata={"description": "the new value of each changed field"})
    from_contributions = fields.List(fields.String())
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()


class EndorsedTextSchema(StrictSchema):
    title = fields.String()
    problem = fields.String(allow_none=True)
    description = fields.String(allow_none=True)
    ogp_values = fields.List(fields.String())
    lead_institution = fields.String(allow_none=True)
    milestones = fields.List(fields.Nested(MilestoneViewSchema))


class AmendmentViewSchema(StrictSchema):
    revision = fields.Integer(metadata={"description": "the revision number the amendment took"})
    reason = fields.String()
    changed_fields = fields.List(fields.String())
    changes = fields.Dict(metadata={"description": "the new value of each changed field"})
    approved_in_session_id = fields.String(allow_none=True, metadata={
        "description": "the session of the forum that approved the amendment; null: none named"})
    approved_in_session_title = fields.String(allow_none=True)
    approved_in_session_held_on = fields.Date(allow_none=True, metadata={
        "description": "the day that session was held, in the forum's timezone"})
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


class ProgressViewSchema(StrictSchema):
    as_of = fields.Date(metadata={"description": "the day overdue is judged on: today in the forum's timezone"})
    milestones = fields.List(fields.Nested(MilestoneProgressSchema))
    note = fields.Nested(ProgressReportViewSchema, allow_none=True,
                         metadata={"description": "the commitment-level note that stands"})
    reports = fields.List(fields.Nested(ProgressReportViewSchema),
                          metadata={"description": "every report, as logged, superseded ones included"})


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
    endorsed_text = fields.Nested(EndorsedTextSchema, allow_none=True, metadata={
        "description": "the text as the standing endorsement holds it (at endorsed_revision); null: not endorsed"})
    amendments = fields.List(fields.Nested(AmendmentViewSchema), metadata={
        "description": "every amendment of the endorsed text, oldest first, with the session that approved it"})
    assessment = fields.Nested(AssessmentViewSchema, allow_none=True)
    assessments = fields.List(fields.Nested(AssessmentViewSchema),
                              metadata={"description": "every assessment, oldest first; the last stands"})
    progress = fields.Nested(ProgressViewSchema)
    end_assessment = fields.Nested(EndAssessmentViewSchema, allow_none=True, metadata={
        "description": "the end-of-commitment assessment that stands"})
    end_assessments = fields.List(fields.Nested(EndAssessmentViewSchema),
                                  metadata={"description": "every end-of-commitment assessment, oldest first"})
    computed_completion = fields.String(metadata={
        "description": "the completion level its milestones' progress gives today: no_evidence, not_started, "
                       "limited, substantial or complete"})
    end_assessment_due_on = fields.Date(allow_none=True, metadata={
        "description": "one month after its implementation became complete, else after the plan's period ends; "
                       "null when the standing endorsement does not hold it"})
    lead_representative_id = fields.String(allow_none=True, metadata={
        "description": "the representative of the roster who is its lead contact; null: none named"})


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
            forum, _ = r.record("forum", state.forum_id)
            amendments = present_amendments(r, state, forum.timezone)
        day = today(forum.timezone, context().now)
        body = {**present_commitment(state, plan), "progress": present_progress(state, day),
                "endorsed_text": endorsed_text(state, plan), "amendments": amendments,
                **present_results(state, plan, day)}
        return body, 200, {"ETag": etag(commitment_id, version)}


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


@blp.route("/commitments/<commitment_id>/amendment")
class Amendment(MethodView):
    @writes(via("commitment_id", "commitment"))
    @blp.arguments(CommitmentAmendmentSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, commitment_id):
        """An endorsed commitment is amended during implementation (`changes`, as a revision sends them), with a
        reason and the held session of the forum that approved it; a plan without a standing endorsement is
        revised instead (409)."""
        return created(commands.amend_commitment(context(), commitment_id, body),
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


@blp.route("/commitments/<commitment_id>/progress")
class Progress(MethodView):
    @writes(via("commitment_id", "commitment"))
    @blp.arguments(ProgressReportSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, commitment_id):
        """Progress of a milestone (or a note on the commitment): completing needs evidence or a reason,
        cancelling a reason; a repeat on the same day needs a correction, which supersedes."""
        return created(commands.report_progress(context(), commitment_id, body),
                       url_for("commitments.Commitment", commitment_id=commitment_id))


@blp.route("/commitments/<commitment_id>/end-assessment")
class EndAssessment(MethodView):
    @evaluates(via("commitment_id", "commitment"))
    @blp.arguments(EndAssessmentSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, commitment_id):
        """The evaluator's end-of-commitment assessment (evaluator or admin): completion, early results per OGP
        value of the commitment, explanation, references and recommendations. Only a commitment the standing
        endorsement holds (409); a repeat needs a correction with a reason (409)."""
        return created(commands.assess_end(context(), commitment_id, body),
                       url_for("commitments.Commitment", commitment_id=commitment_id))


@blp.route("/commitments/<commitment_id>/lead-contact")
class LeadContact(MethodView):
    @writes(via("commitment_id", "commitment"))
    @blp.arguments(LeadContactSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def put(self, body, commitment_id):
        """The commitment's lead contact is named (a current representative of the roster, 422) or removed
        (null); naming the one it has is a 409."""
        return created(commands.name_lead_contact(context(), commitment_id, body),
                       url_for("commitments.Commitment", commitment_id=commitment_id))
