"""The forum's calendar: GET /forums/{id}/calendar.ics (public), an RFC 5545 feed of its sessions."""
from __future__ import annotations

import re

from flask import Response
from flask.views import MethodView

from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.calendar_feed import forum_calendar, forum_sessions, ics_bytes
from tracker.domain.errors import NotFound
from tracker.domain.streams import FORUM
from tracker.http import served_publicly

blp = Blueprint("calendar", __name__, description="The forum's sessions as a calendar to subscribe to")

#: What a forum's id can look like (the server makes `frm_` and 20 hex digits); anything else is unknown, and is
#: never sent to the database (PostgreSQL refuses a NUL in a text parameter).
_FORUM_ID = re.compile(rf"{FORUM.prefix}_[A-Za-z0-9_-]{{1,100}}")
#: OpenAPI allows no `description` in a media type object: it goes in the schema.
_ICS = {"text/calendar": {"schema": {
    "type": "string", "description": "RFC 5545: one VEVENT per session, UID `<session id>@cocreation-tracker`"}}}


@blp.route("/forums/<forum_id>/calendar.ics")
class Calendar(MethodView):
    @blp.doc(responses={"200": {"description": "the forum's sessions as an iCalendar feed", "content": _ICS}})
    @document_errors(blp, 404)
    def get(self, forum_id):
        """Every session of the forum as an event: stable UIDs, times in the forum's timezone, SEQUENCE raised by
        each rescheduling and by a cancellation, STATUS:CANCELLED for cancelled sessions, the agenda and the
        materials' links in the description. Public: it names no person."""
        if not _FORUM_ID.fullmatch(forum_id):
            raise NotFound(f"no forum has the id {forum_id}")
        return served_publicly(forum_id, lambda: _calendar(forum_id))


def _calendar(forum_id: str) -> Response:
    store = extension.services().store
    forum = FORUM.fold(store.read_stream(forum_id))
    if forum is None:
        raise NotFound(f"no forum has the id {forum_id}")
    body = ics_bytes(forum_calendar(forum, forum_sessions(store, forum_id)))
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": f'inline; filename="{forum_id}.ics"', "Cache-Control": "public, max-age=300"})
