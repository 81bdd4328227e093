"""Public consultations: /action-plans/{id}/consultations, /consultations/{id} and its extensions."""
from __future__ import annotations

from flask import url_for
from flask.views import MethodView
from marshmallow import fields

from tracker.api.blueprint import Blueprint
from tracker.api.common import ERRORS, CreatedSchema, created, document_errors, records
from tracker.api.guards import via, writes
from tracker.commands import consultations as commands
from tracker.commands.base import etag
from tracker.contract.base import StrictSchema
from tracker.contract.plans import ConsultationCreateSchema, ConsultationSummarySchema, ExtensionSchema
from tracker.http import context
from tracker.queries.consultations import present_consultation

blp = Blueprint("consultations", __name__, description="Public consultations on an action plan")


class ExtensionViewSchema(StrictSchema):
    closes_on = fields.Date()
    previous_closes_on = fields.Date()
    reason = fields.String()
    requested_by_contribution = fields.String(allow_none=True)
    occurred_at = fields.DateTime()
    recorded_at = fields.DateTime()


class ConsultationSchema(ConsultationSummarySchema):
    action_plan_id = fields.String()
    original_closes_on = fields.Date()
    extensions = fields.List(fields.Nested(ExtensionViewSchema))


@blp.route("/action-plans/<plan_id>/consultations")
class Consultations(MethodView):
    @writes(via("plan_id", "action plan"))
    @blp.arguments(ConsultationCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """A public consultation on the plan opens (its dates may be future)."""
        outcome = commands.open_consultation(context(), plan_id, body)
        return created(outcome, url_for("consultations.Consultation", consultation_id=outcome.id))


@blp.route("/consultations/<consultation_id>")
class Consultation(MethodView):
    @blp.response(200, ConsultationSchema)
    @document_errors(blp, 404)
    def get(self, consultation_id):
        """The consultation, its current closing date and every extension."""
        with records() as r:
            state, version = r.record("consultation", consultation_id)
        return present_consultation(state), 200, {"ETag": etag(consultation_id, version)}


@blp.route("/consultations/<consultation_id>/extension")
class Extension(MethodView):
    @writes(via("consultation_id", "consultation"))
    @blp.arguments(ExtensionSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, consultation_id):
        """The consultation's deadline moves later."""
        return created(commands.extend_consultation(context(), consultation_id, body),
                       url_for("consultations.Consultation", consultation_id=consultation_id))
