"""How passwords are hashed and checked: argon2id, with parameters chosen by whoever builds the application.

The composition root (`tracker.bootstrap`) gives every running application `Passwords()`, argon2's
production parameters (RFC 9106's second recommended option: 3 passes over 64 MiB, 4 lanes). Tests give
theirs `Passwords.cheap()`: the same algorithm with the smallest cost, so a page test does not spend most of its
time hashing. A hash made with other parameters still verifies and is rehashed to the current ones at the next
successful sign-in.
"""
from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


class Passwords:
    """Hash a password to store it; check a password against what is stored, in about the same time whether or
    not a hash is stored."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher()
        self._dummy: str | None = None  # made at the first check, whatever its outcome, so no case is slower

    @classmethod
    def cheap(cls) -> Passwords:
        """The smallest cost argon2id accepts: for tests only, never for a stored password people rely on."""
        return cls(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))

    @property
    def parameters(self) -> tuple[int, int, int]:
        """(passes, memory in KiB, lanes) of new hashes."""
        return self._hasher.time_cost, self._hasher.memory_cost, self._hasher.parallelism

    def hash(self, password: str) -> str:
        """The PHC string to store for `password`."""
        return self._hasher.hash(password)

    def check(self, stored: str | None, password: str) -> bool:
        """Whether `password` matches `stored`. With nothing stored, a throw-away hash is checked instead, so
        an unknown user costs as long as a wrong password."""
        if self._dummy is None:
            self._dummy = self._hasher.hash(secrets.token_urlsafe(16))
        try:
            return self._hasher.verify(stored or self._dummy, password)
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        """Whether `stored` was made with other parameters than new hashes are."""
        return self._hasher.check_needs_rehash(stored)
