"""Authorization that runs before the body is parsed: 401/403 come before 422, 404 before 403."""
from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from tracker import extension
from tracker.auth import require_admin, require_evaluate, require_write
from tracker.domain.errors import NotFound

Resolver = Callable[[dict[str, Any]], str]


def forum_of(stream_id: str, what: str) -> str:
    """The forum a resource belongs to (404 when no such resource exists)."""
    tenant = extension.services().store.tenant_of(stream_id)
    if tenant is None:
        raise NotFound(f"no {what} has the id {stream_id}")
    return tenant


def _guard(check: Callable[[dict[str, Any]], object]) -> Callable:
    def decorate(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            check(kwargs)
            return view(*args, **kwargs)

        return wrapper

    return decorate


def forum_param(kwargs: dict[str, Any]) -> str:
    """Resolver for paths that name the forum: /forums/{forum_id}/..."""
    return forum_of(kwargs["forum_id"], "forum")


def via(param: str, what: str) -> Resolver:
    """Resolver for paths that name a resource of a forum, e.g. via("session_id", "session")."""
    return lambda kwargs: forum_of(kwargs[param], what)


def writes(resolve: Resolver) -> Callable:
    """Only the forum's secretariat (or an admin) may run this command."""
    return _guard(lambda kw: require_write(resolve(kw)))


def evaluates(resolve: Resolver) -> Callable:
    """Only an evaluator with access to the forum (or an admin) may run this command."""
    return _guard(lambda kw: require_evaluate(resolve(kw)))


def administers() -> Callable:
    """Only an admin may run this command."""
    return _guard(lambda kw: require_admin())
