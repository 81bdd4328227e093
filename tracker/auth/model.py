"""The operational tables of users, their forums and their API tokens (not events: they may change).

Migrations 0002, 0004, 0008 and 0009 create exactly these tables; keep them in step.
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from tracker.auth.principal import Principal

metadata = sa.MetaData()

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("email", sa.String(320), nullable=False, unique=True),  # stored lowercased
    sa.Column("name", sa.String(200), nullable=True),
    sa.Column("role", sa.String(20), nullable=False),  # admin | secretariat | evaluator
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("password_hash", sa.Text, nullable=True),  # argon2, PHC string
    sa.Column("created_at", sa.String(32), nullable=False),  # UTC ISO text, as events store instants
    sa.Column("language", sa.String(5), nullable=True),  # the pages' language the user chose (es, en), if any
    sa.Column("organization", sa.String(200), nullable=True),  # the person's organization, if given
    # Raised on sign-out, a password change and deactivation: a page's session cookie carries the value it was
    # signed in at, and one carrying another value is signed out (tracker.auth.web.end_stale_session).
    sa.Column("session_version", sa.Integer, nullable=False, server_default=sa.text("0")),
)

user_forums = sa.Table(
    "user_forums", metadata,
    sa.Column("user_id", sa.String(40), sa.ForeignKey("users.id"), primary_key=True),
    sa.Column("forum_id", sa.String(200), primary_key=True),
)

api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("user_id", sa.String(40), sa.ForeignKey("users.id"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # sha256 hex of the token
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=True),
    sa.Column("revoked_at", sa.String(32), nullable=True),
)


@dataclass(frozen=True)
class User:
    """One user as stored, with the forums granted to them (never the password hash)."""

    id: str
    email: str
    name: str | None
    role: str
    active: bool
    forums: frozenset[str]
    created_at: str
    language: str | None = None
    organization: str | None = None

    def principal(self) -> Principal:
        """This user as the caller of a request."""
        return Principal(user_id=self.id, email=self.email, role=self.role, forums=self.forums)
