"""What the user and token service refuses. Every refusal is a ValueError, with a sentence a person can act on."""
from __future__ import annotations


class AuthError(ValueError):
    """A request to the user and token service that the rules refuse."""


class UnknownUser(AuthError):
    """No user has that email."""


class DuplicateUser(AuthError):
    """A user with that email already exists."""


class UnknownRole(AuthError):
    """The role is not admin, secretariat or evaluator."""


class InvalidUserData(AuthError):
    """An email, name, forum id or token lifetime that cannot be stored."""


class WeakPassword(AuthError):
    """The password is too short."""


class InactiveUser(AuthError):
    """The user was deactivated; they get no new tokens."""
