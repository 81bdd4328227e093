"""The co-creation tracker's application: `create_app()` builds it."""
from __future__ import annotations

import os

from flask import Flask

from config import Config
from tracker import extension
from tracker.bootstrap import Services, compose


def create_app(config: Config | None = None, services: Services | None = None) -> Flask:
    """Build the Flask application. Nothing connects to the database until a request or command does."""
    app = Flask(__name__, instance_relative_config=True)
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
