"""Forums and their rosters: /forums, organizations, representatives."""
from __future__ import annotations

from datetime import datetime

from flask import url_for
from flask.views import MethodView

from tracker.api.blueprint import Blueprint
from tracker.api.common import ERRORS, CreatedSchema, created, document_errors, records
from tracker.api.guards import administers, forum_param, writes
from tracker.auth import current_principal
from tracker.commands import forums as commands
from tracker.commands.base import etag
from tracker.contract.forums import (
    ChannelConsentSchema,
    ForumCreateSchema,
    ForumSchema,
    OrganizationCreateSchema,
    OrganizationWithdrawalSchema,
    PolicyAmendmentCreateSchema,
    RepresentativeCreateSchema,
    RepresentativeWithdrawalSchema,
)
from tracker.domain.forum import ForumState
from tracker.domain.time import today
from tracker.http import context
from tracker.queries.forums import present_forum

blp = Blueprint("forums", __name__, description="Forums, their member organizations and representatives")


def _forum_body(state: ForumState, now: datetime) -> dict:
    full = current_principal().can_read_full(state.id)
    return present_forum(state, today(state.timezone, now), full)


@blp.route("/forums")
class Forums(MethodView):
    @blp.response(200, ForumSchema(many=True))
    def get(self):
        """Every forum, with its roster, in the order they were established."""
        with records() as r:
            forums = r.records_of("forum")
        now = context().now
        return [_forum_body(state, now) for state in forums]

    @administers()
    @blp.arguments(ForumCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, 400, 401, 403, 422)
    def post(self, body):
        """Establish a forum (admin)."""
        outcome = commands.establish_forum(context(), body)
        return created(outcome, url_for("forums.Forum", forum_id=outcome.id))


@blp.route("/forums/<forum_id>")
class Forum(MethodView):
    @blp.response(200, ForumSchema)
    @document_errors(blp, 404)
    def get(self, forum_id):
        """One forum, with organizations, representatives (primary and alternates) and meeting rule."""
        with records() as r:
            state, version = r.record("forum", forum_id)
        return _forum_body(state, context().now), 200, {"ETag": etag(forum_id, version)}


@blp.route("/forums/<forum_id>/policy")
class Policy(MethodView):
    @writes(forum_param)
    @blp.arguments(PolicyAmendmentCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id):
        """The forum amends its policy keys or its meeting rule from `effective_on` (today or earlier).

        Every check judges a day by the rule in force on it; `GET /forums/{forum_id}` shows the rule in force
        today and the amendments in `policy_history`."""
        return created(commands.amend_policy(context(), forum_id, body), url_for("forums.Forum", forum_id=forum_id))


@blp.route("/forums/<forum_id>/organizations")
class Organizations(MethodView):
    @writes(forum_param)
    @blp.arguments(OrganizationCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id):
        """An organization joins the forum."""
        return created(commands.join_organization(context(), forum_id, body),
                       url_for("forums.Forum", forum_id=forum_id))


@blp.route("/forums/<forum_id>/organizations/<org_id>/withdrawal")
class OrganizationWithdrawal(MethodView):
    @writes(forum_param)
    @blp.arguments(OrganizationWithdrawalSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id, org_id):
        """An organization leaves the forum."""
        return created(commands.withdraw_organization(context(), forum_id, org_id, body),
                       url_for("forums.Forum", forum_id=forum_id))


@blp.route("/forums/<forum_id>/organizations/<org_id>/representatives")
class Representatives(MethodView):
    @writes(forum_param)
    @blp.arguments(RepresentativeCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id, org_id):
        """A person is designated as the organization's primary or alternate representative."""
        return created(commands.designate_representative(context(), forum_id, org_id, body),
                       url_for("forums.Forum", forum_id=forum_id))


@blp.route("/forums/<forum_id>/representatives/<rep_id>/withdrawal")
class RepresentativeWithdrawal(MethodView):
    @writes(forum_param)
    @blp.arguments(RepresentativeWithdrawalSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id, rep_id):
        """A person no longer represents their organization."""
        return created(commands.withdraw_representative(context(), forum_id, rep_id, body),
                       url_for("forums.Forum", forum_id=forum_id))


@blp.route("/forums/<forum_id>/representatives/<rep_id>/channels")
class RepresentativeChannels(MethodView):
    @writes(forum_param)
    @blp.arguments(ChannelConsentSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id, rep_id):
        """A representative agreed to be written to by WhatsApp or SMS (`opted_in` true), or withdrew that (false).

        Agreeing needs a phone on the roster; a withdrawal is honoured from the moment it is recorded: the
        scheduler sends nothing more by that channel."""
        return created(commands.record_channel_consent(context(), forum_id, rep_id, body),
                       url_for("forums.Forum", forum_id=forum_id))
