"""Sessions of a forum: /forums/{id}/sessions, /sessions/{id} and what happens to each session."""
from __future__ import annotations

from typing import Any

from flask import url_for
from flask.views import MethodView

from tracker.api.blueprint import Blueprint
from tracker.api.common import ERRORS, CreatedSchema, created, document_errors, records
from tracker.api.guards import forum_param, via, writes
from tracker.auth import current_principal
from tracker.commands import sessions as commands
from tracker.commands.base import Outcome, etag
from tracker.contract.sessions import (
    AnnouncementSchema,
    CancellationSchema,
    MinutesSchema,
    RecordSchema,
    ReschedulingSchema,
    SessionCreateSchema,
    SessionSchema,
)
from tracker.http import context
from tracker.queries.sessions import present_session

blp = Blueprint("sessions", __name__, description="Sessions: scheduled, announced, held, minuted")

session_param = via("session_id", "session")


def _acted_on(outcome: Outcome) -> tuple[dict[str, Any], int, dict[str, str]]:
    return created(outcome, url_for("sessions.Session", session_id=outcome.id))


@blp.route("/forums/<forum_id>/sessions")
class Sessions(MethodView):
    @blp.response(200, SessionSchema(many=True))
    @document_errors(blp, 404)
    def get(self, forum_id):
        """The forum's sessions, ordered by when they are scheduled."""
        with records() as r:
            forum, _ = r.record("forum", forum_id)
            sessions = r.records_of("session", forum_id=forum_id)
        full = current_principal().can_read_full(forum_id)
        return [present_session(s, forum, full) for s in sessions]

    @writes(forum_param)
    @blp.arguments(SessionCreateSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, forum_id):
        """Schedule a session (a plan: `scheduled_at` may be in the future; it is logged as occurring now)."""
        return _acted_on(commands.schedule_session(context(), forum_id, body))


@blp.route("/sessions/<session_id>")
class Session(MethodView):
    @blp.response(200, SessionSchema)
    @document_errors(blp, 404)
    def get(self, session_id):
        """One session with its status, announcement, attendance, minutes and corrections."""
        with records() as r:
            session, version = r.record("session", session_id)
            forum, _ = r.record("forum", session.forum_id)
        full = current_principal().can_read_full(session.forum_id)
        return present_session(session, forum, full), 200, {"ETag": etag(session_id, version)}


@blp.route("/sessions/<session_id>/announcement")
class Announcement(MethodView):
    @writes(session_param)
    @blp.arguments(AnnouncementSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, session_id):
        """The invitation and materials were sent (repeat with `correction` to replace it)."""
        return _acted_on(commands.announce_session(context(), session_id, body))


@blp.route("/sessions/<session_id>/rescheduling")
class Rescheduling(MethodView):
    @writes(session_param)
    @blp.arguments(ReschedulingSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, session_id):
        """The session moves to another time (not once held or cancelled)."""
        return _acted_on(commands.reschedule_session(context(), session_id, body))


@blp.route("/sessions/<session_id>/cancellation")
class Cancellation(MethodView):
    @writes(session_param)
    @blp.arguments(CancellationSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, session_id):
        """The session is called off (not once held)."""
        return _acted_on(commands.cancel_session(context(), session_id, body))


@blp.route("/sessions/<session_id>/record")
class Record(MethodView):
    @writes(session_param)
    @blp.arguments(RecordSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, session_id):
        """The session took place, with its attendance (repeat with `correction` to replace the record)."""
        return _acted_on(commands.record_session(context(), session_id, body))


@blp.route("/sessions/<session_id>/minutes")
class Minutes(MethodView):
    @writes(session_param)
    @blp.arguments(MinutesSchema)
    @blp.response(201, CreatedSchema)
    @document_errors(blp, *ERRORS)
    def post(self, body, session_id):
        """Minutes of a held session were approved and signed (repeat with `correction` to replace them)."""
        return _acted_on(commands.record_minutes(context(), session_id, body))
