"""Query and response bodies of the event log endpoints (/events, /events/verification)."""
from __future__ import annotations

from marshmallow import fields, validate

from events.catalog import registry
from tracker.contract.base import StrictSchema

#: The default and the largest page of /events.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1_000
#: Positions are 64-bit integers on every engine; a larger `after` would overflow the driver.
MAX_POSITION = 2**63 - 1
HEAD = r"^[0-9]{1,19}:[0-9a-fA-F]{64}$"


class EventsQuerySchema(StrictSchema):
    after = fields.Integer(load_default=0, validate=validate.Range(min=0, max=MAX_POSITION), metadata={
        "description": "only events after this position (the previous page's next_after); 0 from the start"})
    limit = fields.Integer(load_default=DEFAULT_LIMIT, validate=validate.Range(min=1, max=MAX_LIMIT),
                           metadata={"description": f"at most this many events (1 to {MAX_LIMIT})"})
    stream = fields.String(load_default=None, validate=validate.Length(min=1, max=200),
                           metadata={"description": "only this stream (a resource's id)"})
    type = fields.List(fields.String(validate=validate.OneOf(sorted(registry.versions))), load_default=None,
                       metadata={"description": "only events of this type (repeat for several)"})
    tenant = fields.String(load_default=None, validate=validate.Length(min=1, max=200),
                           metadata={"description": "only this forum's events"})


class LoggedEventSchema(StrictSchema):
    position = fields.Integer(required=True)
    stream_id = fields.String(required=True)
    stream_version = fields.Integer(required=True)
    tenant_id = fields.String(required=True, metadata={"description": "the forum"})
    type = fields.String(required=True)
    occurred_at = fields.DateTime(required=True, metadata={"description": "when the fact happened"})
    recorded_at = fields.DateTime(required=True, metadata={"description": "when the server logged it"})
    recorded_by = fields.String(required=True)
    data = fields.Dict(required=True)


class EventPageSchema(StrictSchema):
    events = fields.List(fields.Nested(LoggedEventSchema), required=True)
    next_after = fields.Integer(allow_none=True, required=True, metadata={
        "description": "the last position returned when the page was full (ask again with after=it); "
                       "null at the end of the log"})


class VerificationQuerySchema(StrictSchema):
    against = fields.String(load_default=None, validate=validate.Regexp(HEAD, error="expected POSITION:HASH"),
                            metadata={"description": "a head published elsewhere, POSITION:HASH, that the log "
                                                     "must still hash to"})
    full = fields.Boolean(load_default=False, metadata={
        "description": "re-hash the whole log now rather than only the events since the last check (for signed-in "
                       "callers; anonymous callers get 401)"})


class VerificationSchema(StrictSchema):
    ok = fields.Boolean(required=True)
    events = fields.Integer(required=True, metadata={"description": "events verified (up to the break)"})
    head = fields.String(required=True, metadata={"description": "hash of the last event verified"})
    head_position = fields.Integer(required=True)
    first_bad_position = fields.Integer(allow_none=True, required=True)
    reason = fields.String(allow_none=True, required=True)
    verified_since = fields.Integer(required=True, metadata={
        "description": "the position this check went on from: the events up to it were verified by an earlier "
                       "check in this server (0: this check re-hashed the whole log)"})
    hashed = fields.Integer(required=True, metadata={"description": "events this check re-hashed"})
    full_check_at = fields.DateTime(required=True, metadata={
        "description": "when this server last re-hashed the whole log (at start-up's first check, on demand with "
                       "full=true, and after any failure)"})
