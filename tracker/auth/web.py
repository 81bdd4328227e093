"""Request authentication: a `before_request` hook that turns a bearer token into `g.principal`, and the end of
page sessions.

The pages keep their signed-in user in Flask's signed session cookie (Flask-Login, `tracker.web.login`). Such a
cookie lives in the browser, so the server ends it by a per-user session version (`users.session_version`): the
cookie carries the value its user had when signing in, and a cookie carrying another value, or whose user is
deactivated, is signed out on its next request. Sign-out, a password change and deactivation raise the value, which
ends every cookie of that user, on every device, copies included; `change_own_password` keeps the browser that
made the change signed in.
"""
from __future__ import annotations

from typing import Any, NoReturn

from flask import Flask, g, has_request_context, request, session
from flask_login import current_user, logout_user, user_logged_in, user_logged_out
from flask_smorest import abort

from tracker import extension
from tracker.auth import security_log
from tracker.auth.errors import AuthError
from tracker.auth.principal import ANONYMOUS, Principal
from tracker.auth.service import authenticate_token, end_sessions, get_user_by_id, session_version, set_password

_EXTENSION = "tracker.auth"
_CHALLENGE = 'Bearer realm="tracker"'
#: Where the session cookie keeps the session version it was signed in at.
SESSION_VERSION_KEY = "session_version"
#: Where Flask-Login keeps the signed-in user's id in the session.
_USER_ID_KEY = "_user_id"


def init_app(app: Flask) -> None:
    """Authenticate every request of `app` from its `Authorization: Bearer <token>` header, sign out every page
    session cookie that has ended, and tie sign-in and sign-out to the session version (idempotent)."""
    if app.extensions.get(_EXTENSION):
        return
    app.extensions[_EXTENSION] = True
    app.before_request(end_stale_session)  # app-wide, so before any page asks who is signed in
    app.before_request(authenticate_request)
    user_logged_in.connect(_signed_in, app)
    user_logged_out.connect(_signed_out, app)


def end_stale_session() -> None:
    """Sign out a session cookie whose user was deactivated or whose session version is no longer theirs (they
    signed out, or their password changed, since it was issued). Flask-Login then sees nobody signed in, and
    the cookie sent back no longer names the user."""
    user_id = session.get(_USER_ID_KEY)
    if user_id is None or request.endpoint == "static":  # a stylesheet needs no database query
        return
    stored = session_version(extension.services().engine, str(user_id))
    if stored is not None and session.get(SESSION_VERSION_KEY) == stored:
        return
    session.pop(SESSION_VERSION_KEY, None)  # first, so this sign-out ends no other session (see `_signed_out`)
    logout_user()
    security_log.session_refused(str(user_id))


def _signed_in(app: Flask, user: Any, **_: Any) -> None:
    """On sign-in (Flask-Login's `user_logged_in`), the cookie keeps the user's current session version."""
    version = session_version(extension.services().engine, user.get_id())
    if version is None:  # deactivated at this very moment: the next request signs the cookie out
        session.pop(SESSION_VERSION_KEY, None)
    else:
        session[SESSION_VERSION_KEY] = version


def _signed_out(app: Flask, user: Any, **_: Any) -> None:
    """On sign-out (Flask-Login's `user_logged_out`) of a session still in force, every session of the user ends:
    their other devices, and any copy of this cookie."""
    version = session.pop(SESSION_VERSION_KEY, None)
    if version is not None and getattr(user, "is_authenticated", False):
        end_sessions(extension.services().engine, user.get_id(), version)


def change_own_password(password: str) -> None:
    """Set the signed-in page user's own password (WeakPassword when too short). Every other session cookie of
    theirs ends; this browser stays signed in, its cookie re-issued with the new session version."""
    if not current_user.is_authenticated:
        raise AuthError("nobody is signed in")
    services = extension.services()
    user = get_user_by_id(services.engine, current_user.get_id())
    if user is None:
        raise AuthError("nobody is signed in")
    session[SESSION_VERSION_KEY] = set_password(services.engine, services.passwords, user.email, password)


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
