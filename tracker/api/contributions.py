"""Contributions to an action plan and what happened to each.

/action-plans/{id}/contributions; /contributions/{id} with its consideration, response, communication
and trail.
"""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView

from tracker.api.blueprint import Blueprint
from tracker.api.common import ERRORS, CreatedSchema, created, document_errors, records
from tracker.api.guards import via, writes
from tracker.auth import current_principal
from tracker.commands import contributions as commands
from tracker.commands.base import etag
from tracker.contract.contributions import (
    ContributionChannelWithdrawalCreateSchema,
    ContributionCommunicationCreateSchema,
    ContributionConsiderationCreateSchema,
    ContributionCreateSchema,
    ContributionResponseCreateSchema,
    ContributionSchema,
    ContributionStatusQuerySchema,
    ContributionTextHidingCreateSchema,
    ContributionTrailSchema,
)
from tracker.domain.consultation import ConsultationState
from tracker.domain.contribution import (
    PRIVATE_EVENT_TYPES,
    ContributionState,
    public_data,
    visible_author,
    visible_text,
)
from tracker.http import context

blp = Blueprint("contributions", __name__,
                description="Contributions to an action plan: received, considered, answered, communicated")


def present_contribution(s: ContributionState, full: bool, minors: frozenset[str],
                         consultation: ConsultationState | None) -> dict[str, Any]:
    """A contribution with its stages; the author as this reader may see it; `late` against the consultation's
    closing day as the record now knows it (extensions counted)."""
    response = s.response
    return {
        "id": s.id, "action_plan_id": s.action_plan_id, "forum_id": s.forum_id, "text": visible_text(s, full),
        "received_on": s.received_on, "channel": s.channel, "author": visible_author(s.author, full, minors),
        "session_id": s.session_id, "commitment_id": s.commitment_id, "consultation_id": s.consultation_id,
        "status": s.status, "considerations": [vars(c) for c in s.considerations],
        "response": vars(response) if response else None,
        "communications": [{"communicated_on": c.communicated_on, "channel": c.channel, "url": c.url,
                            "written": c.written, "correction_reason": c.correction_reason}
                           for c in s.communications],
        "days_to_response": s.days_to_response,
        "days_to_written_communication": s.days_to_written_communication, "late": s.late_against(consultation),
    }


def _location(contribution_id: str) -> str:
    return url_for("contributions.Contribution", contribution_id=contribution_id)


@blp.route("/action-plans/<plan_id>/contributions")
class Contributions(MethodView):
    @blp.arguments(ContributionStatusQuerySchema, location="query")
    @blp.response(200, ContributionSchema(many=True))
    @document_errors(blp, 400, 404, 422)
    def get(self, query, plan_id):
        """The plan's contributions, oldest first; `status` keeps those at that stage."""
        with records() as r:
            plan, _ = r.record("plan", plan_id)
            forum, _ = r.record("forum", plan.forum_id)
            states = r.records_of("contribution", action_plan_id=plan_id)
            consultations = {c.id: c for c in r.records_of("consultation", action_plan_id=plan_id)}
        full, minors = current_principal().can_read_full(forum.id), commands.minors_of(forum)
        return [present_contribution(s, full, minors, consultations.get(s.consultation_id or "")) for s in states
                if query["status"] in (None, s.status)]

    @writes(via("plan_id", "action plan"))
    @blp.arguments(ContributionCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, plan_id):
        """A contribution is logged, from a representative or from a member of the public."""
        outcome = commands.receive_contribution(context(), plan_id, body)
        return created(outcome, _location(outcome.id))


@blp.route("/contributions/<contribution_id>")
class Contribution(MethodView):
    @blp.response(200, ContributionSchema)
    @document_errors(blp, 404)
    def get(self, contribution_id):
        """One contribution: its author, considerations, response and communications, with its ETag."""
        with records() as r:
            state, version = r.record("contribution", contribution_id)
            forum, _ = r.record("forum", state.forum_id)
            consultation = r.record("consultation", state.consultation_id)[0] if state.consultation_id else None
        full = current_principal().can_read_full(forum.id)
        body = present_contribution(state, full, commands.minors_of(forum), consultation)
        return body, 200, {"ETag": etag(contribution_id, version)}


@blp.route("/contributions/<contribution_id>/consideration")
class Consideration(MethodView):
    @writes(via("contribution_id", "contribution"))
    @blp.arguments(ContributionConsiderationCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, contribution_id):
        """The contribution was discussed (in a session, or otherwise); may happen more than once."""
        outcome = commands.consider_contribution(context(), contribution_id, body)
        return created(outcome, _location(contribution_id))


@blp.route("/contributions/<contribution_id>/response")
class Response(MethodView):
    @writes(via("contribution_id", "contribution"))
    @blp.arguments(ContributionResponseCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, contribution_id):
        """The reasoned response; a second one must be a correction with a reason."""
        outcome = commands.respond_to_contribution(context(), contribution_id, body)
        return created(outcome, _location(contribution_id))


@blp.route("/contributions/<contribution_id>/communication")
class Communication(MethodView):
    @writes(via("contribution_id", "contribution"))
    @blp.arguments(ContributionCommunicationCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, contribution_id):
        """The response was sent back or published; several channels are fine, 409 before any response."""
        outcome = commands.communicate_response(context(), contribution_id, body)
        return created(outcome, _location(contribution_id))


@blp.route("/contributions/<contribution_id>/hiding")
class Hiding(MethodView):
    @writes(via("contribution_id", "contribution"))
    @blp.arguments(ContributionTextHidingCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, contribution_id):
        """The contribution's text is hidden from the public (abuse, personal data...): public pages show the
        reason instead; the text stays in the record. 409 when it is already hidden."""
        outcome = commands.hide_contribution_text(context(), contribution_id, body)
        return created(outcome, _location(contribution_id))


@blp.route("/contributions/<contribution_id>/channel-withdrawal")
class ChannelWithdrawal(MethodView):
    @writes(via("contribution_id", "contribution"))
    @blp.arguments(ContributionChannelWithdrawalCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, contribution_id):
        """A member of the public who left a phone told the secretariat (by phone, in person) to stop answering
        them by WhatsApp or SMS: honoured at once, as their "BAJA"/"STOP" reply is (`ContributorChannelWithdrawn`,
        source `secretariat`). 409 when they had not agreed to that channel, or withdrew it already."""
        outcome = commands.withdraw_contributor_channel(context(), contribution_id, body["channel"], "secretariat")
        return created(outcome, _location(contribution_id))


@blp.route("/contributions/<contribution_id>/trail")
class Trail(MethodView):
    @blp.response(200, ContributionTrailSchema)
    @document_errors(blp, 404)
    def get(self, contribution_id):
        """Every event about the contribution, oldest first, with when it occurred, when and by whom it was
        logged (who: full readers only), including the commitments drafted or revised from it; a public author's
        withdrawal of a channel (`ContributorChannelWithdrawn`) is shown to full readers only."""
        ctx = context()
        state, forum, events = commands.contribution_trail(ctx, contribution_id)
        full, minors = current_principal().can_read_full(forum.id), commands.minors_of(forum)
        rows = []
        for e in events:
            if not full and e.type in PRIVATE_EVENT_TYPES:
                continue  # a public author's channels are theirs: anonymous readers never learn of them
            data = e.data if full else public_data(e.type, e.data, minors, state.hidden)
            row = {"position": e.position, "type": e.type, "occurred_at": e.occurred_at,
                   "recorded_at": e.recorded_at, "data": data}
            if full:
                row["recorded_by"] = e.recorded_by
            rows.append(row)
        return {"contribution_id": contribution_id, "late": commands.late_now(ctx, state), "events": rows}
