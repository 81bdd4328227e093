"""The pages' protections: CSRF tokens on every form, the sign-in rate limit, the secret key, security headers.

The sign-in limit is counted per client address in the storage `RATELIMIT_STORAGE_URI` names: `memory://` (the
default) counts in each process's own memory, so with several worker processes each counts apart (N workers
allow N times the limit) and a restart forgets the counts; name a shared store (e.g. `redis://...`, with its
client library installed) to count once across processes. Behind a reverse proxy every request comes from the
proxy's address unless the WSGI app is wrapped in werkzeug's `ProxyFix`.
"""
from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Flask, Response, current_app, request
from flask.sansio.blueprints import Blueprint as SansioBlueprint  # what app.blueprints holds
from flask_limiter import Limiter, RequestLimit
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

from config import ConfigurationError
from tracker.auth import current_principal, security_log
from tracker.instance_files import read_or_create

#: The pages load nothing from elsewhere and run no inline script or style (charts are inline <svg> elements).
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
#: The API answers data, never a document that loads anything (its HTML report sets its own, see tracker.report).
API_CONTENT_SECURITY_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: Sent in production only (where cookies are HTTPS-only): browsers then refuse plain HTTP to the site for a year.
STRICT_TRANSPORT_SECURITY = "max-age=31536000"
ENVIRONMENTS = ("development", "production")




def secret_key(app: Flask) -> str:
    """The key that signs session cookies: TRACKER_SECRET_KEY; required in production; in development a random
    key kept in the instance folder (so a restart keeps people signed in), or a fresh one when testing."""
    if app.config.get("SECRET_KEY"):
        return app.config["SECRET_KEY"]
    if app.config.get("ENVIRONMENT") == "production":
        raise ConfigurationError("TRACKER_SECRET_KEY must be set when TRACKER_ENV=production: the application "
                                 "refuses to start without it (generate one with "
                                 "`python -c 'import secrets; print(secrets.token_hex(32))'`).")
    if app.config.get("TESTING"):
        return secrets.token_hex(32)
    return read_or_create(Path(app.instance_path) / "secret_key", lambda: secrets.token_hex(32))


def check_environment(app: Flask) -> None:
    """Refuse (ConfigurationError) a TRACKER_ENV other than development or production: a misspelt
    "production" would otherwise run with development's settings (no required key, cookies over plain HTTP)."""
    environment = app.config.get("ENVIRONMENT")
    if environment not in ENVIRONMENTS:
        raise ConfigurationError(f"TRACKER_ENV is {environment!r}: expected one of {', '.join(ENVIRONMENTS)}.")


def _headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    api = request.path.startswith("/api/")
    response.headers.setdefault("Content-Security-Policy", API_CONTENT_SECURITY_POLICY if api
                                else CONTENT_SECURITY_POLICY)
    if current_app.config.get("ENVIRONMENT") == "production":
        response.headers.setdefault("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY)
    return response


def _log_refusal(limit: RequestLimit) -> None:
    security_log.rate_limited(str(limit.limit))


def init_app(app: Flask, exempt_blueprints: list[SansioBlueprint]) -> Limiter:
    """CSRF protection on every form outside the bearer-token API, security headers, and the rate limiter
    (returned, so the sign-in view can be limited)."""
    check_environment(app)
    app.secret_key = secret_key(app)
    csrf = CSRFProtect(app)
    for blueprint in exempt_blueprints:
        csrf.exempt(blueprint)
    app.after_request(_headers)
    return Limiter(get_remote_address, app=app, storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"),
                   on_breach=_log_refusal)


def limit_anonymous_verification(app: Flask, limiter: Limiter, endpoint: str) -> None:
    """Apply `VERIFICATION_RATE_LIMIT` (default 120/minute, far above what an honest monitor asks) per client
    address to the anonymous calls of `endpoint`, the log's public verification; signed-in callers are not
    limited."""
    limit = limiter.limit(lambda: app.config.get("VERIFICATION_RATE_LIMIT", "120/minute"),
                          exempt_when=lambda: not current_principal().is_anonymous)
    view: Callable[..., Any] = app.view_functions[endpoint]
    app.view_functions[endpoint] = limit(view)


def limit_sign_in(app: Flask, limiter: Limiter, endpoint: str) -> None:
    """Apply `LOGIN_RATE_LIMIT` to the POSTs of `endpoint` (sign-in attempts; showing the form is not counted)."""
    limit = limiter.limit(lambda: app.config.get("LOGIN_RATE_LIMIT", "10/minute"), methods=["POST"])
    view: Callable[..., Any] = app.view_functions[endpoint]  # one callable type: the decorator keeps its signature
    app.view_functions[endpoint] = limit(view)
