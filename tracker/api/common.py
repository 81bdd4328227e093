"""What every API blueprint shares: created responses, ETags, the error answers a write documents, the reads of
one GET. The command context is `tracker.http.context`; the schemas' shared fields are in
`tracker/contract/base.py`."""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from marshmallow import Schema, fields

from tracker import extension
from tracker.commands.base import Outcome
from tracker.read_models.records import Reader, reading

#: The error answers of a write to an existing resource.
ERRORS = (400, 401, 403, 404, 409, 412, 422)


class CreatedSchema(Schema):
    """The answer to a write: the id made or acted on and the positions of the events appended."""

    id = fields.String(required=True)
    positions = fields.List(fields.Integer(), required=True)


def records() -> AbstractContextManager[Reader]:
    """The `records` read model, brought up to the log, for the reads of one GET:
    `with records() as r: plan, version = r.record("plan", plan_id)`."""
    return reading(extension.services().projector)


def created(outcome: Outcome, location: str) -> tuple[dict[str, Any], int, dict[str, str]]:
    """A 201 body, with Location and the affected resource's new ETag."""
    body = {"id": outcome.id, "positions": [e.position for e in outcome.events]}
    return body, 201, {"Location": location, "ETag": outcome.etag}


def accepted(outcome: Outcome) -> tuple[dict[str, Any], int, dict[str, str]]:
    """A 201 body for a write that records a fact about an existing resource (no new address)."""
    body = {"id": outcome.id, "positions": [e.position for e in outcome.events]}
    return body, 201, {"ETag": outcome.etag}


def document_errors(blp: Any, *codes: int) -> Any:
    """Describe in the OpenAPI document the error answers a view can give, with the shared error body."""

    def decorate(view: Any) -> Any:
        for code in codes:
            view = blp.alt_response(code, response="DEFAULT_ERROR")(view)
        return view

    return decorate
