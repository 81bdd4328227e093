"""The event log itself: /events, a page of it at a time, and /events/verification, its hash chain re-checked.

Reading the log is reading every forum's record in full (emails, minors' names, authors), so it is for those
who read forums in full: admins and evaluators (every forum, or the forums they were granted) and a
secretariat (its forums). Verifying the chain reveals nothing but counts and hashes: anyone may do it.
"""
from __future__ import annotations

import functools
import heapq
from collections.abc import Callable
from itertools import islice
from operator import attrgetter
from typing import Any

from flask.views import MethodView
from flask_smorest import abort

from events import EventStore, Head, RecordedEvent
from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.api.common import document_errors
from tracker.api.event_schemas import EventPageSchema, EventsQuerySchema, VerificationQuerySchema, VerificationSchema
from tracker.auth import ADMIN, EVALUATOR, current_principal, require_read_full
from tracker.domain.errors import NotFound

blp = Blueprint("events", __name__, description="The event log: read it in order, verify its hash chain")


def signed_in(view: Callable) -> Callable:
    """401 for anonymous callers, before the query is parsed (so before any 422)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if current_principal().is_anonymous:
            abort(401, message="Authentication required: send 'Authorization: Bearer <token>'.", errors={},
                  headers={"WWW-Authenticate": 'Bearer realm="tracker"'})
        return view(*args, **kwargs)

    return wrapper


def readable_tenants(store: EventStore, tenant: str | None) -> list[str] | None:
    """The forums whose events the caller may read (None: every forum). A named forum must exist (404) and be
    readable in full by the caller (403)."""
    if tenant is not None:
        if store.tenant_of(tenant) != tenant:  # a forum's stream is its own tenant
            raise NotFound(f"no forum has the id {tenant}")
        require_read_full(tenant)
        return [tenant]
    principal = current_principal()
    if principal.role == ADMIN or (principal.role == EVALUATOR and not principal.forums):
        return None
    return sorted(f for f in principal.forums if principal.can_read_full(f))


def read_page(store: EventStore, tenants: list[str] | None, query: dict[str, Any]) -> list[RecordedEvent]:
    """Up to `limit` events after `after`, in position order, of the given forums (None: all)."""
    after, limit = query["after"], query["limit"]
    filters: dict[str, Any] = {"stream_id": query["stream"], "types": query["type"]}
    if tenants is None:
        return list(store.read_all(after, limit, **filters))
    per_forum = [store.read_all(after, limit, tenant_id=t, **filters) for t in tenants]
    return list(islice(heapq.merge(*per_forum, key=attrgetter("position")), limit))


def present_event(e: RecordedEvent) -> dict[str, Any]:
    return {"position": e.position, "stream_id": e.stream_id, "stream_version": e.stream_version,
            "tenant_id": e.tenant_id, "type": e.type, "occurred_at": e.occurred_at, "recorded_at": e.recorded_at,
            "recorded_by": e.recorded_by, "data": e.data}


@blp.route("/events")
class Events(MethodView):
    @signed_in
    @blp.arguments(EventsQuerySchema, location="query")
    @blp.response(200, EventPageSchema)
    @document_errors(blp, 400, 401, 403, 404, 422)
    def get(self, query):
        """The log in position order, a page at a time, optionally of one stream, forum or set of types.

        Admins and evaluators granted no forum read every forum's events; an evaluator or secretariat only
        its granted forums'. Follow `next_after` until it is null to read to the end.
        """
        store = extension.services().store
        page = read_page(store, readable_tenants(store, query["tenant"]), query)
        full = len(page) == query["limit"]
        return {"events": [present_event(e) for e in page], "next_after": page[-1].position if full else None}


@blp.route("/events/verification")
class Verification(MethodView):
    @blp.arguments(VerificationQuerySchema, location="query")
    @blp.response(200, VerificationSchema)
    @document_errors(blp, 400, 401, 422, 429)
    def get(self, query):
        """Is every event still as it was logged? Public: anyone may check the chain (at most
        `VERIFICATION_RATE_LIMIT`, 120 a minute, per address when not signed in).

        The server re-hashed the whole log at its first check; each check re-hashes only the events logged since
        the last one, after making sure the last verified event still carries its hash (`verified_since`,
        `hashed`, `full_check_at` say how far). `full=true` (signed in) re-hashes everything now; `tracker events
        verify` always does. With `against=POSITION:HASH` (a head published in a report), the log must also still
        hash to it there.
        """
        if query["full"] and current_principal().is_anonymous:
            abort(401, message="Authentication required for full=true: send 'Authorization: Bearer <token>'.",
                  errors={"full": ["only signed-in callers may ask for a full re-hash"]},
                  headers={"WWW-Authenticate": 'Bearer realm="tracker"'})
        against = None
        if query["against"]:
            position, _, digest = query["against"].partition(":")
            against = Head(int(position), digest.lower())
        checked = extension.services().verifier.check(against, full=query["full"])
        result = checked.verification
        return {"ok": result.ok, "events": result.events, "head": result.head.hash,
                "head_position": result.head.position, "first_bad_position": result.first_bad_position,
                "reason": result.reason, "verified_since": checked.since, "hashed": checked.hashed,
                "full_check_at": checked.full_check_at}
