"""Authentication and roles: users, API tokens, the request's principal and the permission checks.

`init_app(app)` makes every request carry `g.principal` and signs out the page session cookies that have ended (a
per-user session version: sign-out, a password change and deactivation end every cookie of the user); views call
`require_write(forum_id)` and the like, or read `current_principal()`. The `users` and `tokens` commands live in
`tracker.auth.cli`.
"""
from tracker.auth.errors import (
    AuthError,
    DuplicateUser,
    InactiveUser,
    InvalidUserData,
    UnknownRole,
    UnknownUser,
    WeakPassword,
)
from tracker.auth.model import User
from tracker.auth.principal import ADMIN, ANONYMOUS, EVALUATOR, ROLES, SECRETARIAT, Principal
from tracker.auth.web import (
    change_own_password,
    current_principal,
    init_app,
    require_admin,
    require_evaluate,
    require_read_full,
    require_write,
)

__all__ = [
    "ADMIN", "ANONYMOUS", "EVALUATOR", "ROLES", "SECRETARIAT", "AuthError", "DuplicateUser", "InactiveUser",
    "InvalidUserData", "Principal", "UnknownRole", "UnknownUser", "User", "WeakPassword", "change_own_password",
    "current_principal", "init_app", "require_admin", "require_evaluate", "require_read_full", "require_write",
]
