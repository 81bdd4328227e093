"""The tracker as a Flask extension: the one place that attaches the composition root's `Services` to an
application and reads them back.

`create_app` calls `init_app(app, services)` once; the adapters (the JSON API, `tracker/api/`; the page views,
`tracker/web/`; `tracker/http.py`; the bearer-token hook, `tracker/auth/web.py`; the CLI modules) call
`services()` while serving a request or a command, and hand what they need (`services`, its `store`, `engine`,
`clock` or `projector`) to the code below them as arguments. Nothing else imports this module
(tests/test_layers.py keeps the rule).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from flask import Flask, current_app

if TYPE_CHECKING:  # at run time bootstrap imports tracker.auth, whose web module imports this one
    from tracker.bootstrap import Services

#: The key of `app.extensions` under which the application keeps its `Services`.
KEY = "tracker"


def init_app(app: Flask, services: Services) -> None:
    """Attach `services` (built by `tracker.bootstrap.bootstrap`) to `app`, replacing any attached before."""
    app.extensions[KEY] = services


def services(app: Flask | None = None) -> Services:
    """The parts of `app` (by default the current application), as the composition root built them.
    KeyError when `init_app` was never called for it."""
    return (app if app is not None else current_app).extensions[KEY]
