"""The pages' protections: CSRF tokens on every form, the sign-in rate limit, the secret key, security headers.

The sign-in limit is counted per client address in the storage `RATELIMIT_STORAGE_URI` names: `memory://` (the
default) counts in each process's own memory, so with several worker processes each counts apart (N workers
allow N times the limit) and a restart forgets the counts; name a shared store (e.g. `redis://...`, with its
client library installed) to count once across processes. Behind a reverse proxy every request comes from the
proxy's address unless the WSGI app is wrapped in werkzeug's `ProxyFix`.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Blueprint, Flask, Response, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

#: The pages load nothing from elsewhere and run no inline script or style.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def secret_key(app: Flask) -> str:
    """The key that signs session cookies: TRACKER_SECRET_KEY; required in production; in development a random
    key kept in the instance folder (so a restart keeps people signed in), or a fresh one when testing."""
    if app.config.get("SECRET_KEY"):
        return app.config["SECRET_KEY"]
    if app.config.get("ENVIRONMENT") == "production":
        raise RuntimeError("TRACKER_SECRET_KEY must be set when TRACKER_ENV=production")
    if app.config.get("TESTING"):
        return secrets.token_hex(32)
    path = Path(app.instance_path) / "secret_key"
    try:
        return path.read_text().strip() or _new_key(path)
    except FileNotFoundError:
        return _new_key(path)


def _new_key(path: Path) -> str:
    key = secrets.token_hex(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process wrote it first: use theirs
        return path.read_text().strip()
    except OSError:  # no writable instance folder: a key for this process only
        return key
    with os.fdopen(fd, "w") as f:
        f.write(key)
    return key


def _headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith("/api/"):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    return response


def init_app(app: Flask, exempt_blueprints: list[Blueprint]) -> Limiter:
    """CSRF protection on every form outside the bearer-token API, security headers, and the rate limiter
    (returned, so the sign-in view can be limited)."""
    app.secret_key = secret_key(app)
    csrf = CSRFProtect(app)
    for blueprint in exempt_blueprints:
        csrf.exempt(blueprint)
    app.after_request(_headers)
    return Limiter(get_remote_address, app=app, storage_uri=app.config.get("RATELIMIT_STORAGE_URI", "memory://"))


def limit_sign_in(app: Flask, limiter: Limiter, endpoint: str) -> None:
    """Apply `LOGIN_RATE_LIMIT` to the POSTs of `endpoint` (sign-in attempts; showing the form is not counted)."""
    limit = limiter.limit(lambda: app.config.get("LOGIN_RATE_LIMIT", "10/minute"), methods=["POST"])
    app.view_functions[endpoint] = limit(app.view_functions[endpoint])
