"""Request authentication: a `before_request` hook that turns a bearer token into `g.principal`."""
from __future__ import annotations

from typing import NoReturn

from flask import Flask, g, has_request_context, request
from flask_smorest import abort

from tracker import extension
from tracker.auth import security_log
from tracker.auth.principal import ANONYMOUS, Principal
from tracker.auth.service import authenticate_token

_EXTENSION = "tracker.auth"
_CHALLENGE = 'Bearer realm="tracker"'


def init_app(app: Flask) -> None:
    """Authenticate every request of `app` from its `Authorization: Bearer <token>` header (idempotent)."""
    if app.extensions.get(_EXTENSION):
        return
    app.extensions[_EXTENSION] = True
    app.before_request(authenticate_request)


def _unauthorized(message: str, challenge: str = _CHALLENGE) -> NoReturn:
    abort(401, message=message, errors={}, headers={"WWW-Authenticate": challenge})
    raise AssertionError("abort raises")  # for the type checker: flask_smorest is untyped


def authenticate_request() -> None:
    """Set `g.principal`: ANONYMOUS without an Authorization header, else the token's user; 401 otherwise."""
    header = request.headers.get("Authorization")
    if header is None:
        g.principal = ANONYMOUS
        return
    scheme, _, token = header.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token or any(c.isspace() for c in token):
        security_log.token_refused("not a bearer token")
        _unauthorized("The Authorization header must be 'Bearer <token>'.",
                      _CHALLENGE + ', error="invalid_request"')
    services = extension.services()
    principal = authenticate_token(services.engine, services.clock, token)
    if principal is None:
        security_log.token_refused("unknown, expired or revoked")
        _unauthorized("The token is unknown, expired or revoked.", _CHALLENGE + ', error="invalid_token"')
    g.principal = principal


def current_principal() -> Principal:
    """The caller of the current request; ANONYMOUS outside a request or before authentication."""
    if not has_request_context():
        return ANONYMOUS
    return g.get("principal", ANONYMOUS)


def _require(allowed: bool, refusal: str) -> Principal:
    principal = current_principal()
    if principal.is_anonymous:
        _unauthorized("Authentication required: send 'Authorization: Bearer <token>'.")
    if not allowed:
        abort(403, message=f"The role {principal.role!r} may not {refusal}.", errors={})
    return principal


def require_write(forum_id: str) -> Principal:
    """The caller when they may write the forum; abort 401 when anonymous, 403 when not allowed."""
    return _require(current_principal().can_write_forum(forum_id), f"write the forum {forum_id!r}")


def require_read_full(forum_id: str) -> Principal:
    """The caller when they may read the forum in full; abort 401 when anonymous, 403 when not allowed."""
    return _require(current_principal().can_read_full(forum_id), f"read the forum {forum_id!r} in full")


def require_evaluate(forum_id: str) -> Principal:
    """The caller when they may record assessments and judgements for the forum; else abort 401 or 403."""
    return _require(current_principal().can_evaluate(forum_id),
                    f"record assessments or judgements for the forum {forum_id!r}")


def require_admin() -> Principal:
    """The caller when they are an admin; abort 401 when anonymous, 403 when not an admin."""
    return _require(current_principal().can_administer(), "administer forums, users or tokens")
