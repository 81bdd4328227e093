"""The co-creation tracker's application: `create_app()` builds it."""
from __future__ import annotations

import os
from typing import IO, cast

from flask import Flask, Request
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.utils import cached_property
from werkzeug.wsgi import LimitedStream, get_input_stream

from config import Config
from tracker import extension
from tracker.bootstrap import Services, compose


class _AtMost(LimitedStream):
    """A streamed body (no Content-Length, e.g. `Transfer-Encoding: chunked`) read up to the request's limit.
    Werkzeug's stream answers a whole read with the first `limit` bytes and drops the rest, so a body over the
    limit was parsed cut short (a `400` for JSON); here a whole read that stops at the limit with more to come
    is `413`, as when the body's length is announced."""

    def readall(self) -> bytes:
        data = super().readall()
        if self.is_exhausted:
            try:
                more = self._stream.read(1)
            except (OSError, ValueError):
                raise ClientDisconnected() from None
            if more:
                raise RequestEntityTooLarge()
        return data


class TrackerRequest(Request):
    """Flask's request; a body over `max_content_length` (MAX_CONTENT_LENGTH, or a view's own) is `413` however
    it is sent."""

    @cached_property
    def stream(self) -> IO[bytes]:
        if self.shallow:
            raise RuntimeError("This request was created with 'shallow=True', reading from the input stream is "
                               "disabled.")
        limit = self.max_content_length
        if self.content_length is None and limit is not None and "wsgi.input_terminated" in self.environ:
            return cast(IO[bytes], _AtMost(self.environ["wsgi.input"], limit, is_max=True))
        return get_input_stream(self.environ, max_content_length=limit)


def create_app(config: Config | None = None, services: Services | None = None) -> Flask:
    """Build the Flask application. Nothing connects to the database until a request or command does."""
    app = Flask(__name__, instance_relative_config=True)
    app.request_class = TrackerRequest
    config = config or Config()
    app.config.from_mapping(config.as_dict())
    if not app.config["DATABASE_URL"]:
        os.makedirs(app.instance_path, exist_ok=True)
        app.config["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "tracker.db")
    if services is None:
        services = compose(app.config, app.instance_path)
    extension.init_app(app, services)

    _init_api(app)
    _init_web(app)
    return app


def _init_web(app: Flask) -> None:
    from tracker import web

    web.init_app(app)  # after the API: its blueprints are the ones exempt from CSRF checks


def _init_api(app: Flask) -> None:
    from tracker import auth
    from tracker.api import blueprints
    from tracker.api.errors import TrackerApi, register_error_handlers

    auth.init_app(app)
    api = TrackerApi(app, spec_kwargs={"servers": [{"url": "/"}]})
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    api.spec.options["security"] = [{"bearerAuth": []}, {}]
    register_error_handlers(app, api)
    for blp in blueprints():
        api.register_blueprint(blp, url_prefix="/api/v1")
