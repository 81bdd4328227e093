"""Action plans: /forums/{id}/action-plans, /action-plans/{id} with its submission, publications, endorsements
and judgements, and /endorsements/{id}."""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView

from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.api.common import ERRORS, CreatedSchema, created, document_errors, records
from tracker.api.guards import evaluates, forum_of, forum_param, via, writes
from tracker.auth import current_principal
from tracker.commands import plans as commands
from tracker.commands.base import etag
from tracker.contract.plans import (
    ActionPlanCreateSchema,
    ActionPlanSchema,
    EndorsementCreateSchema,
    EndorsementSchema,
    EndorsementWithdrawalSchema,
    ImplementationQuerySchema,
    ImplementationSchema,
    JudgementSchema,
    PublicationCreateSchema,
    SubmissionSchema,
)
from tracker.contract.results import (
    FinalAssessmentSchema,
    RecommendationResponseSchema,
    RecommendationResponsesSchema,
    RecommendationsQuerySchema,
    RecommendationsSchema,
)
from tracker.domain.errors import NotFound
from tracker.domain.plan import PlanState
from tracker.domain.streams import plan_of_endorsement
from tracker.http import context
from tracker.queries.implementation import present_implementation
from tracker.queries.plans import present_endorsement, present_plan
from tracker.queries.recommendations import present_recommendations, present_responses
from tracker.read_models.records import Reader

blp = Blueprint("plans", __name__, description="Action plans and their co-creation")
plan_forum = via("plan_id", "action plan")


def endorsement_forum(kwargs: dict[str, Any]) -> str:
    """Resolver for /endorsements/{endorsement_id}: the id names its plan."""
    plan_id = plan_of_endorsement(kwargs["endorsement_id"])
    if plan_id is None:
        raise NotFound(f"no endorsement has the id {kwargs['endorsement_id']}")
    return forum_of(plan_id, "endorsement")


def _plan_of_endorsement(r: Reader, endorsement_id: str) -> tuple[PlanState, int]:
    """The plan an endorsement id names and its version (404 naming the endorsement)."""
    plan_id = plan_of_endorsement(endorsement_id)
    if plan_id is not None:
        try:
            return r.record("plan", plan_id)
        except NotFound:
            pass
    raise NotFound(f"no endorsement has the id {endorsement_id}")


@blp.route("/forums/<forum_id>/action-plans")
class ActionPlans(MethodView):
    @writes(forum_param)
    @blp.arguments(ActionPlanCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id):
        """A co-creation process opens for a two-year action plan."""
        outcome = commands.open_action_plan(context(), forum_id, body)
        return created(outcome, url_for("plans.ActionPlan", plan_id=outcome.id))


@blp.route("/action-plans/<plan_id>")
class ActionPlan(MethodView):
    @blp.response(200, ActionPlanSchema)
    @document_errors(blp, 404)
    def get(self, plan_id):
        """The plan with its window, commitments and milestones, endorsements, publications and judgements."""
        with records() as r:
            state, version = r.record("plan", plan_id)
            forum, _ = r.record("forum", state.forum_id)
            commitments = r.records_of("commitment", action_plan_id=plan_id)
            consultations = r.records_of("consultation", action_plan_id=plan_id)
        full = current_principal().can_read_full(forum.id)
        body = present_plan(state, forum, commitments, consultations, full)
        return body, 200, {"ETag": etag(plan_id, version)}


def _plan_location(plan_id: str) -> str:
    return url_for("plans.ActionPlan", plan_id=plan_id)


@blp.route("/action-plans/<plan_id>/submission")
class Submission(MethodView):
    @writes(plan_forum)
    @blp.arguments(SubmissionSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """The plan was submitted to OGP (once)."""
        return created(commands.submit_plan(context(), plan_id, body), _plan_location(plan_id))


@blp.route("/action-plans/<plan_id>/publications")
class Publications(MethodView):
    @writes(plan_forum)
    @blp.arguments(PublicationCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """A page or document was made public (a session's agenda, materials or minutes name the session)."""
        return created(commands.publish(context(), plan_id, body), _plan_location(plan_id))


@blp.route("/action-plans/<plan_id>/endorsements")
class Endorsements(MethodView):
    @writes(plan_forum)
    @blp.arguments(EndorsementCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """The forum endorses the plan (one standing endorsement at a time)."""
        outcome = commands.endorse(context(), plan_id, body)
        return created(outcome, url_for("plans.EndorsementView", endorsement_id=outcome.id))


@blp.route("/endorsements/<endorsement_id>")
class EndorsementView(MethodView):
    @blp.response(200, EndorsementSchema)
    @document_errors(blp, 404)
    def get(self, endorsement_id):
        """One endorsement, standing or withdrawn (its ETag is its plan's)."""
        with records() as r:
            plan, version = _plan_of_endorsement(r, endorsement_id)
            forum, _ = r.record("forum", plan.forum_id)
        body = present_endorsement(plan, plan.endorsement(endorsement_id), forum,
                                   current_principal().can_read_full(forum.id))
        return body, 200, {"ETag": etag(plan.id, version)}


@blp.route("/endorsements/<endorsement_id>/withdrawal")
class EndorsementWithdrawal(MethodView):
    @writes(endorsement_forum)
    @blp.arguments(EndorsementWithdrawalSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, endorsement_id):
        """The endorsement no longer stands (once)."""
        return created(commands.withdraw_endorsement(context(), endorsement_id, body),
                       url_for("plans.EndorsementView", endorsement_id=endorsement_id))


@blp.route("/action-plans/<plan_id>/judgements")
class Judgements(MethodView):
    @evaluates(plan_forum)
    @blp.arguments(JudgementSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """The evaluator's answer to a check (evaluator or admin); a later one on the check supersedes."""
        return created(commands.judge(context(), plan_id, body), _plan_location(plan_id))


@blp.route("/action-plans/<plan_id>/implementation")
class Implementation(MethodView):
    @blp.arguments(ImplementationQuerySchema, location="query")
    @blp.response(200, ImplementationSchema)
    @document_errors(blp, 400, 404, 422)
    def get(self, query, plan_id):
        """Per commitment its milestones (status, overdue, last report, evidence) and completion level; per plan
        the share of milestones completed and overdue. `as_of`: reports that occurred by then count and overdue
        is judged on its day (default now); `known_at`: only what was recorded by then (default now). A plan
        unknown at `known_at` is a 404."""
        services = extension.services()
        return present_implementation(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"],
                                      now=services.clock())


@blp.route("/action-plans/<plan_id>/final-assessment")
class FinalAssessment(MethodView):
    @evaluates(plan_forum)
    @blp.arguments(FinalAssessmentSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """The evaluator's final assessment of the plan (evaluator or admin): a summary and recommendations for the
        next plan; a repeat needs a correction with a reason (409)."""
        return created(commands.assess_plan(context(), plan_id, body),
                       url_for("plans.Recommendations", plan_id=plan_id))


@blp.route("/action-plans/<plan_id>/recommendations")
class Recommendations(MethodView):
    @blp.arguments(RecommendationsQuerySchema, location="query")
    @blp.response(200, RecommendationsSchema)
    @document_errors(blp, 400, 404, 422)
    def get(self, query, plan_id):
        """The plan's standing recommendations (design, end-of-commitment and final assessments), each with the
        answers later plans of the forum gave. `as_of`: what had occurred by then; `known_at`: what had been
        recorded by then (both default now). A plan unknown at `known_at` is a 404."""
        services = extension.services()
        return present_recommendations(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"],
                                       now=services.clock())


@blp.route("/action-plans/<plan_id>/recommendation-responses")
class RecommendationResponses(MethodView):
    @blp.arguments(RecommendationsQuerySchema, location="query")
    @blp.response(200, RecommendationResponsesSchema)
    @document_errors(blp, 400, 404, 422)
    def get(self, query, plan_id):
        """The standing recommendations of the forum's earlier plans, newest plan first, each with this plan's
        answer (null when not answered), as of `as_of` as known at `known_at` (both default now)."""
        services = extension.services()
        return present_responses(services.store, plan_id, as_of=query["as_of"], known_at=query["known_at"],
                                 now=services.clock())

    @writes(plan_forum)
    @blp.arguments(RecommendationResponseSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """The plan answers a recommendation of an earlier plan of its forum (422 when it is not one), perhaps
        naming its commitment that takes it up (422 when not this plan's); a new answer supersedes the one that
        stands and must differ from it (409)."""
        return created(commands.answer_recommendation(context(), plan_id, body),
                       url_for("plans.RecommendationResponses", plan_id=plan_id))
