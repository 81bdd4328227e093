"""One JSON shape for every error: {"code", "status", "message", "errors": {field: [messages]}}."""
from __future__ import annotations

import logging
from typing import Any

from flask import Flask, request
from flask_smorest import Api, abort
from werkzeug.exceptions import HTTPException, InternalServerError

from tracker.contract.errors import flatten
from tracker.domain.errors import DomainError

log = logging.getLogger(__name__)

DEFAULT_MESSAGES = {
    400: "The request body is not valid JSON.",
    401: "Sign in: send a valid token as 'Authorization: Bearer <token>'.",
    403: "Your role may not do this.",
    404: "Nothing is found at this address.",
    405: "This address does not accept that method.",
    413: "The request body is too large.",
    415: "Send the body as application/json.",
    422: "Some fields are invalid: see errors.",
    500: "Something went wrong on our side; nothing was recorded.",
}


def error_body(code: int, status: str, message: str, errors: dict[str, list[str]]) -> dict[str, Any]:
    return {"code": code, "status": status, "message": message, "errors": errors}


class TrackerApi(Api):
    """flask-smorest's Api with the contract's error shape (docs/api.md, section 8: Errors)."""

    def handle_http_exception(self, error: HTTPException):
        data = getattr(error, "data", None) or {}
        raw = data.get("errors", data.get("messages"))
        if isinstance(raw, dict) and set(raw) <= {"json", "query", "path", "headers", "form", "files"}:
            raw = {k: v for location in raw.values() for k, v in flatten(location).items()}
        errors = flatten(raw) if raw else {}
        code = error.code or 500
        message = data.get("message") or DEFAULT_MESSAGES.get(code) or error.description or error.name
        if code == 400 and errors.get("_body") == ["Invalid JSON body."]:
            message = DEFAULT_MESSAGES[400]
        elif code == 422 and errors:
            message = f"Some fields are invalid: {', '.join(sorted(errors))}."
        return error_body(code, error.name, message, errors), code, data.get("headers", {})


def refuse_nul(endpoint: str | None, values: dict[str, Any] | None) -> None:
    """No id in the record holds a NUL character (writes refuse it) and PostgreSQL cannot even compare one:
    an address with a NUL in a path segment is Not Found, a NUL in a query parameter is a Bad Request."""
    if any(isinstance(v, str) and "\x00" in v for v in (values or {}).values()):
        abort(404)
    bad = sorted({name for name, value in request.args.items(multi=True) if "\x00" in name or "\x00" in value})
    if bad:
        abort(400, message="A query parameter holds a NUL character.",
              errors={name.replace("\x00", "\\0"): ["Must not contain a NUL character."] for name in bad})


def register_error_handlers(app: Flask, api: TrackerApi) -> None:
    """Domain refusals and unexpected failures get the same JSON shape; input no database can store is refused
    before any view runs."""
    app.url_value_preprocessor(refuse_nul)

    @app.errorhandler(DomainError)
    def _domain(error: DomainError):
        status = {404: "Not Found", 409: "Conflict", 412: "Precondition Failed",
                  422: "Unprocessable Entity"}.get(error.status, "Bad Request")
        return error_body(error.status, status, error.message, error.errors), error.status

    @app.errorhandler(InternalServerError)
    def _internal(error: InternalServerError):
        log.exception("unhandled error", exc_info=getattr(error, "original_exception", None))
        return error_body(500, "Internal Server Error", DEFAULT_MESSAGES[500], {}), 500
