"""The dated list of published heads: /heads, public, so anyone can compare the log's head with the ones
published in the minutes, on the forum's website or by email, and check it with
`tracker events verify --against POSITION:HASH` or GET /events/verification?against=POSITION:HASH.

Who published a head is not shown: it may be a person's email, and the public never sees those.
"""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import fields

from tracker import extension
from tracker.api.blueprint import Blueprint
from tracker.contract.base import StrictSchema
from tracker.published_heads import list_heads

blp = Blueprint("heads", __name__, description="Published heads of the event log: compare them, anyone may")


class LogHeadSchema(StrictSchema):
    position = fields.Integer(required=True, metadata={"description": "the log's last position (0: empty)"})
    hash = fields.String(required=True, metadata={"description": "the chain hash at that position (SHA-256 hex)"})


class PublishedHeadSchema(StrictSchema):
    position = fields.Integer(required=True, metadata={"description": "where the log ended when published"})
    hash = fields.String(required=True, metadata={"description": "the chain hash at that position"})
    published_at = fields.DateTime(required=True, metadata={"description": "when it was published"})
    note = fields.String(allow_none=True, required=True, metadata={"description": "where or why it was published"})
    check = fields.String(required=True, metadata={"description": "the command that checks the log against it"})


class HeadsSchema(StrictSchema):
    current = fields.Nested(LogHeadSchema, required=True, metadata={"description": "the log's head now"})
    heads = fields.List(fields.Nested(PublishedHeadSchema), required=True,
                        metadata={"description": "every published head, newest first"})


@blp.route("/heads")
class Heads(MethodView):
    @blp.response(200, HeadsSchema)
    def get(self):
        """The log's current head and every head published so far, newest first. Public: anyone may compare.

        This list lives in the same database as the log, so it proves something only next to copies kept
        elsewhere (minutes, the forum's website, email): check a copy with
        GET /events/verification?against=POSITION:HASH.
        """
        services = extension.services()
        head = services.store.head()
        return {"current": {"position": head.position, "hash": head.hash},
                "heads": [{"position": h.position, "hash": h.hash, "published_at": h.published_at, "note": h.note,
                           "check": h.check_command} for h in list_heads(services.engine)]}
