"""What the record refuses, in the forum's terms; the API maps each to its HTTP status."""
from __future__ import annotations


class DomainError(Exception):
    """Base: a command the record refuses. `status` is the HTTP status the API answers with."""

    status = 400

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


class NotFound(DomainError):
    """The command names something the record does not hold."""

    status = 404


class Conflict(DomainError):
    """The command contradicts the record (a cancelled session, a second endorsement, ...)."""

    status = 409


class InvalidField(DomainError):
    """A field is well-formed but wrong for this record (a date in the forum's future, ...)."""

    status = 422

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", {field: [message]})


class InvalidFields(DomainError):
    """Several fields are well-formed but wrong for this record (422), each with its own sentence in `errors`."""

    status = 422


class PreconditionFailed(DomainError):
    """The writer's If-Match names a version of the resource that is no longer current."""

    status = 412
