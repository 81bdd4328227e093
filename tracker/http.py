"""What both HTTP adapters (the JSON API, `tracker/api/`, and the pages, `tracker/web/`) take from the request
being served: the command context. Imports neither adapter."""
from __future__ import annotations

import uuid

from flask import request

from tracker import extension
from tracker.auth import current_principal
from tracker.commands.base import Context


def context() -> Context:
    """The command context of the current request."""
    services = extension.services()
    principal = current_principal()
    return Context(
        store=services.store,
        now=services.clock(),
        actor=principal.email or "anonymous",
        if_match=request.headers.get("If-Match"),
        correlation_id=request.headers.get("X-Correlation-Id") if _is_uuid(request.headers.get(
            "X-Correlation-Id")) else None,
        projector=services.projector,
    )


def _is_uuid(value: str | None) -> bool:
    if not value:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
