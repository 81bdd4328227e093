"""Error pages: outside `/api/` an error is an HTML page in the visitor's language; inside, the API's JSON.

The API registered its handlers first (HTTP errors, domain refusals, unexpected failures); each is wrapped here so
that it still answers every `/api/` request, and the pages answer the rest.
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from tracker.domain.errors import DomainError

API_PREFIX = "/api/"
log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Bad request"), _l("The form could not be read. Go back, reload the page and try again.")),
    401: (_l("Sign in"), _l("Sign in to see this page.")),
    403: (_l("Not allowed"), _l("Your role does not let you see this page.")),
    404: (_l("Not found"), _l("There is nothing at this address.")),
    405: (_l("Not allowed"), _l("This address does not accept that action.")),
    409: (_l("Not possible"), _l("The record does not allow this.")),
    413: (_l("Too large"), _l("What was sent is too large.")),
    429: (_l("Too many attempts"), _l("Too many attempts from your address. Wait a minute and try again.")),
    500: (_l("Something went wrong"), _l("Something went wrong on our side; nothing was recorded.")),
}
CSRF_MESSAGE = _l("The form expired or was not sent from this site. Reload the page and try again.")


def error_page(code: int, message: Any = None) -> tuple[str, int]:
    """The HTML page for an error `code`."""
    title, default = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    return render_template("web/error.html", code=code, title=title, message=message or default), code


def _is_api() -> bool:
    return request.path.startswith(API_PREFIX)


def _page_for(error: Exception) -> tuple[str, int]:
    if isinstance(error, CSRFError):
        return error_page(400, CSRF_MESSAGE)
    if isinstance(error, HTTPException):
        if isinstance(error, InternalServerError):
            log.exception("unhandled error on a page", exc_info=error.original_exception or error)
        return error_page(error.code or 500)
    if isinstance(error, DomainError):
        return error_page(error.status if error.status in MESSAGES else 400)
    log.exception("unhandled error on a page", exc_info=error)
    return error_page(500)


def _dispatch(app: Flask, kind: type[Exception]) -> None:
    previous: Callable[[Exception], Any] | None = app.error_handler_spec[None][None].get(kind)

    def handle(error: Exception) -> Any:
        if _is_api() and previous is not None:
            return previous(error)
        if _is_api():
            return error
        return _page_for(error)

    app.register_error_handler(kind, handle)


def init_app(app: Flask) -> None:
    """Answer errors outside `/api/` with HTML pages (after the API registered its handlers)."""
    for kind in (HTTPException, DomainError, InternalServerError):
        _dispatch(app, kind)
