"""The security audit log: one line per sign-in, failed sign-in, sign-out, user and token change, refused API
token, refused session cookie and rate-limit refusal, on the logger `tracker.security` (route it where the
operators keep such lines).

Each line names what happened, whom it concerns, who did it (the signed-in user or API caller, or the operating
system user of a command) and the client's address when there is a request. It never carries a password, a token
or a token's hash: a token is named by its id (the `api_tokens` row), which lets nobody call the API.
"""
from __future__ import annotations

import getpass
import logging

from flask import g, has_request_context, request

log = logging.getLogger("tracker.security")


def _client() -> str:
    return (request.remote_addr or "unknown") if has_request_context() else "command line"


def _actor() -> str:
    if has_request_context():
        principal = g.get("principal")
        return principal.email if principal is not None and not principal.is_anonymous else "anonymous"
    try:
        return f"os user {getpass.getuser()}"
    except Exception:  # no user name known to the system (a container without passwd entry)
        return "os user unknown"


def _safe(text: str | None, limit: int = 320) -> str:
    """What a visitor typed, cut and quoted, so it can neither be huge nor forge a log line."""
    return repr((text or "")[:limit])


def signed_in(email: str, role: str) -> None:
    """A user signed in to the pages."""
    log.info("sign-in: %s (%s) from %s", email, role, _client())


def sign_in_failed(email_tried: str | None) -> None:
    """A sign-in was refused (wrong email or password, or a deactivated user): the email tried, never the
    password."""
    log.warning("failed sign-in: %s from %s", _safe(email_tried), _client())


def signed_out(email: str) -> None:
    """A user signed out of the pages."""
    log.info("sign-out: %s from %s", email, _client())


def session_refused(user_id: str) -> None:
    """A page session cookie was refused and signed out: its user signed out elsewhere, had their password changed
    or was deactivated since it was issued (the cookie is not logged; the user is named by id)."""
    log.warning("session refused (signed out, password changed or deactivated since): user id %s, %s %s from %s",
                user_id, request.method, request.path, _client())


def user_created(email: str, role: str, user_id: str) -> None:
    """A user was created."""
    log.info("user created: %s (%s, id %s) by %s from %s", email, role, user_id, _actor(), _client())


def password_set(email: str) -> None:
    """A user's password was set or changed (the password itself is never logged)."""
    log.info("password set: %s by %s from %s", email, _actor(), _client())


def user_deactivated(email: str, tokens_revoked: int) -> None:
    """A user was deactivated, and their tokens revoked."""
    log.warning("user deactivated: %s (%d token(s) revoked) by %s from %s", email, tokens_revoked, _actor(),
                _client())


def token_created(email: str, token_id: str, expires_at: str | None) -> None:
    """An API token was made for a user: its id, never its text nor its hash."""
    log.info("token created: id %s for %s (expires %s) by %s from %s", token_id, email, expires_at or "never",
             _actor(), _client())


def tokens_revoked(email: str, count: int) -> None:
    """A user's tokens were revoked."""
    log.info("tokens revoked: %d of %s by %s from %s", count, email, _actor(), _client())


def token_refused(reason: str) -> None:
    """An API request came with a token that is malformed, unknown, expired or revoked (the token is not logged)."""
    log.warning("API token refused (%s): %s %s from %s", reason, request.method, request.path, _client())


def rate_limited(limit: str) -> None:
    """A request was refused by a rate limit (too many sign-in attempts or public contributions)."""
    log.warning("rate limit reached (%s): %s %s from %s", limit, request.method, request.path, _client())
